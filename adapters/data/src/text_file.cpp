#include "alvh/data/text_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "alvh/data/data_error.hpp"

namespace alvh {

std::string read_text_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw DataError(path.string(), 0, 0, "cannot read file: is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path.string(), 0, 0, std::string("cannot open file: ") + std::strerror(errno));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw DataError(path.string(), 0, 0, "cannot determine file size");
  std::string text(static_cast<std::size_t>(size), '\0');
  in.seekg(0, std::ios::beg);
  in.read(text.data(), size);
  if (!in) throw DataError(path.string(), 0, 0, "read error");
  return text;
}

}  // namespace alvh
