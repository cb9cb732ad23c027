#pragma once
// The adapter's only file read: the whole file at once, which is the fastest way to parse a few MB.
#include <filesystem>
#include <string>

namespace alvh {

// DataError(path, 0, 0, ...) when the file cannot be opened or read.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace alvh
