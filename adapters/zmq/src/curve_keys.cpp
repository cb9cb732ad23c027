#include "alvh/zmq/curve_keys.hpp"

#include <fstream>
#include <stdexcept>

#include <sys/stat.h>
#include <zmq.h>

namespace alvh::wire {

bool curve_available() { return zmq_has("curve") != 0; }

CurveKeyPair generate_curve_keypair() {
  char pub[41] = {};
  char sec[41] = {};
  if (zmq_curve_keypair(pub, sec) != 0)
    throw std::runtime_error(std::string("zmq_curve_keypair failed: ") + zmq_strerror(zmq_errno()));
  return {pub, sec};
}

std::string read_z85_key_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open CURVE key file " + path.string());
  std::string line;
  while (std::getline(in, line)) {
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    auto last = line.find_last_not_of(" \t\r");
    std::string key = line.substr(first, last - first + 1);
    std::uint8_t raw[32];
    if (key.size() != 40 || zmq_z85_decode(raw, key.c_str()) == nullptr)
      throw std::runtime_error("CURVE key file " + path.string() + ": expected one 40-character Z85 key");
    return key;
  }
  throw std::runtime_error("CURVE key file " + path.string() + " holds no key");
}

void write_curve_keypair(const CurveKeyPair& keys, const std::filesystem::path& public_path,
                         const std::filesystem::path& secret_path) {
  {
    std::ofstream pub(public_path);
    pub << "# alvh CURVE public key (Z85)\n" << keys.public_key << "\n";
    if (!pub) throw std::runtime_error("cannot write " + public_path.string());
  }
  {
    std::ofstream sec(secret_path);
    sec << "# alvh CURVE secret key (Z85) - keep private\n" << keys.secret_key << "\n";
    if (!sec) throw std::runtime_error("cannot write " + secret_path.string());
  }
  ::chmod(secret_path.c_str(), S_IRUSR | S_IWUSR);  // secrets are owner-only
}

CurveServerConfig curve_server_from_files(const std::filesystem::path& server_secret_key,
                                          const std::vector<std::filesystem::path>& allowed_client_public_keys) {
  if (!curve_available()) throw std::runtime_error("CURVE requested, but libzmq was built without it");
  CurveServerConfig c;
  c.server.secret_key = read_z85_key_file(server_secret_key);
  for (const auto& file : allowed_client_public_keys) c.allowed_client_keys.push_back(read_z85_key_file(file));
  return c;
}

CurveClientConfig curve_client_from_files(const std::filesystem::path& server_public_key,
                                          const std::filesystem::path& client_public_key,
                                          const std::filesystem::path& client_secret_key) {
  if (!curve_available()) throw std::runtime_error("CURVE requested, but libzmq was built without it");
  CurveClientConfig c;
  c.server_public_key = read_z85_key_file(server_public_key);
  c.client.public_key = read_z85_key_file(client_public_key);
  c.client.secret_key = read_z85_key_file(client_secret_key);
  return c;
}

}  // namespace alvh::wire
