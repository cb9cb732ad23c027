#pragma once
// The --out directory of `alvh paper` and the session it holds. Besides the outputs it keeps the
// journal (journal.sqlite and its -wal/-shm), the paper broker's state (broker-state.jsonl) and
// paper-session.txt, which `alvh paper` writes before it starts the children ("status: running")
// and rewrites when the session ends ("finished" or "halted"). A session is unfinished while that
// file does not say "finished"; a journal without the file (written by an older alvh) counts as
// unfinished too, so it is never deleted without --fresh.
#include <filesystem>
#include <string>
#include <vector>

namespace alvh::runner {

enum class PaperSessionStatus { None, Running, Halted, Finished };
const char* to_string(PaperSessionStatus s);

class PaperOutDir {
 public:
  explicit PaperOutDir(std::filesystem::path out) : out_(std::move(out)) {}

  const std::filesystem::path& path() const { return out_; }
  std::filesystem::path journal() const { return out_ / "journal.sqlite"; }
  std::filesystem::path broker_state() const { return out_ / "broker-state.jsonl"; }
  std::filesystem::path record() const { return out_ / "paper-session.txt"; }

  // Reads only: None when neither the record nor a journal exists.
  PaperSessionStatus status() const;
  bool unfinished() const {
    const auto s = status();
    return s == PaperSessionStatus::Running || s == PaperSessionStatus::Halted;
  }

  // Deletes the previous session: journal (+ -wal, -shm), broker state, record.
  void discard() const;
  // Writes the record (via a temporary file and rename): the status line, then `details`
  // ("key: value" lines naming the arguments, for the user).
  void write_record(PaperSessionStatus status, const std::vector<std::string>& details) const;
  // Rewrites only the status line of the record, keeping the details.
  void set_status(PaperSessionStatus status) const;

 private:
  std::filesystem::path out_;
};

}  // namespace alvh::runner
