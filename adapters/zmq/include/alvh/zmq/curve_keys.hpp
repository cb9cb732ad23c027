#pragma once
// CURVE keys as Z85 text (40 characters), the format zmq_curve_keypair produces. A key file holds
// one key; blank lines and lines starting with '#' are ignored.
#include <filesystem>
#include <string>
#include <vector>

namespace alvh::wire {

struct CurveKeyPair {
  std::string public_key;  // Z85
  std::string secret_key;  // Z85
};

// Fresh keypair from libzmq (needs libzmq built with CURVE; throws std::runtime_error otherwise).
CurveKeyPair generate_curve_keypair();
bool curve_available();

// Reads one Z85 key; throws std::runtime_error naming the file if missing or not 40 Z85 chars.
std::string read_z85_key_file(const std::filesystem::path& path);
// Writes the public key to `public_path` and the secret key to `secret_path` (mode 0600).
void write_curve_keypair(const CurveKeyPair& keys, const std::filesystem::path& public_path,
                         const std::filesystem::path& secret_path);

// Backend side: its own keypair and the public keys of the clients it lets in (ZAP). An empty list
// admits nobody.
struct CurveServerConfig {
  CurveKeyPair server;
  std::vector<std::string> allowed_client_keys;
};

// Strategy side: its own keypair and the backend's public key.
struct CurveClientConfig {
  CurveKeyPair client;
  std::string server_public_key;
};

// The same, read from key files (read_z85_key_file). A server needs only its secret key: libzmq
// derives the public half, which is the clients' to hold.
CurveServerConfig curve_server_from_files(const std::filesystem::path& server_secret_key,
                                          const std::vector<std::filesystem::path>& allowed_client_public_keys);
CurveClientConfig curve_client_from_files(const std::filesystem::path& server_public_key,
                                          const std::filesystem::path& client_public_key,
                                          const std::filesystem::path& client_secret_key);

}  // namespace alvh::wire
