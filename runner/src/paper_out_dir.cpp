#include "paper_out_dir.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace alvh::runner {

namespace fs = std::filesystem;

const char* to_string(PaperSessionStatus s) {
  switch (s) {
    case PaperSessionStatus::None: return "none";
    case PaperSessionStatus::Running: return "running";
    case PaperSessionStatus::Halted: return "halted";
    case PaperSessionStatus::Finished: return "finished";
  }
  return "none";
}

PaperSessionStatus PaperOutDir::status() const {
  std::error_code ec;
  std::ifstream in(record());
  std::string line;
  if (in && std::getline(in, line)) {
    if (line == "status: finished") return PaperSessionStatus::Finished;
    if (line == "status: halted") return PaperSessionStatus::Halted;
    return PaperSessionStatus::Running;  // running, or a record cut short: never assume finished
  }
  if (fs::exists(record(), ec) || fs::exists(journal(), ec)) return PaperSessionStatus::Running;
  return PaperSessionStatus::None;
}

void PaperOutDir::discard() const {
  const fs::path j = journal();
  for (const fs::path& f : {j, fs::path(j.string() + "-wal"), fs::path(j.string() + "-shm"), broker_state(), record()})
    fs::remove(f);
}

void PaperOutDir::write_record(PaperSessionStatus status, const std::vector<std::string>& details) const {
  const fs::path tmp = record().string() + ".tmp";
  {
    std::ofstream o(tmp, std::ios::trunc);
    o << "status: " << to_string(status) << "\n";
    for (const auto& d : details) o << d << "\n";
    o.flush();
    if (!o) throw std::runtime_error(tmp.string() + ": cannot write");
  }
  fs::rename(tmp, record());
}

void PaperOutDir::set_status(PaperSessionStatus status) const {
  std::vector<std::string> details;
  std::ifstream in(record());
  std::string line;
  std::getline(in, line);  // the old status
  while (std::getline(in, line)) details.push_back(line);
  write_record(status, details);
}

}  // namespace alvh::runner
