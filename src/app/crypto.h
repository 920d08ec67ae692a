// Secrets: password hashing (Argon2id via libsodium crypto_pwhash, natively
// and in the wasm build), random tokens and token hashing.
#pragma once
#include <cstddef>
#include <string>

namespace alin {

class PasswordHasher {
public:
    virtual ~PasswordHasher() = default;
    virtual std::string hash(const std::string& password) = 0;  // encoded "$argon2id$..."
    virtual bool verify(const std::string& encoded, const std::string& password) = 0;
};

// libsodium crypto_pwhash_str (Argon2id). opsLimit/memLimit default to
// libsodium's INTERACTIVE values when 0.
class SodiumPasswordHasher final : public PasswordHasher {
public:
    SodiumPasswordHasher(unsigned long long opsLimit = 0, size_t memLimit = 0);
    std::string hash(const std::string& password) override;
    bool verify(const std::string& encoded, const std::string& password) override;

private:
    unsigned long long ops_;
    size_t mem_;
};

// Cryptographically secure random bytes as lower-case hex (2*bytes chars).
std::string randomHex(size_t bytes);
// Random decimal/alphanumeric code for e-mailed codes, e.g. "4F7K2Q".
std::string randomCode(size_t length);
// Hex SHA-256 of a token, as stored server-side.
std::string sha256Hex(const std::string& data);
// Keyed BLAKE2b (crypto_generichash with a key) of `message`, `bytes` long, as
// lower-case hex: the signature of links that need no session.
std::string keyedHashHex(const std::string& key, const std::string& message, size_t bytes = 16);
// Initialises libsodium once; safe to call repeatedly.
void cryptoInit();

}  // namespace alin
