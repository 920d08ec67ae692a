#include "app/crypto.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace alin {

void cryptoInit() {
    // sodium_init() is idempotent and thread-safe: 0 = initialised now, 1 = already.
    static const bool initialised = [] { return sodium_init() >= 0; }();
    if (!initialised) throw std::runtime_error("libsodium initialisation failed");
}

SodiumPasswordHasher::SodiumPasswordHasher(unsigned long long opsLimit, size_t memLimit)
    : ops_(opsLimit ? opsLimit : crypto_pwhash_OPSLIMIT_INTERACTIVE),
      mem_(memLimit ? memLimit : crypto_pwhash_MEMLIMIT_INTERACTIVE) {
    cryptoInit();
    if (ops_ < crypto_pwhash_OPSLIMIT_MIN) ops_ = crypto_pwhash_OPSLIMIT_MIN;
    if (mem_ < crypto_pwhash_MEMLIMIT_MIN) mem_ = crypto_pwhash_MEMLIMIT_MIN;
}

std::string SodiumPasswordHasher::hash(const std::string& password) {
    char out[crypto_pwhash_STRBYTES];
    // The encoded string carries algorithm, version, m, t, p and salt, so a hash
    // made with other limits (the browser demo's lighter ones) still verifies.
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops_, mem_, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("password hashing failed (out of memory)");
    }
    return std::string(out);
}

bool SodiumPasswordHasher::verify(const std::string& encoded, const std::string& password) {
    if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

std::string randomHex(size_t bytes) {
    cryptoInit();
    std::vector<unsigned char> buf(bytes);
    if (bytes) randombytes_buf(buf.data(), bytes);
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), buf.data(), bytes);
    hex.pop_back();  // the terminating NUL
    sodium_memzero(buf.data(), buf.size());
    return hex;
}

std::string randomCode(size_t length) {
    cryptoInit();
    // No 0/O, 1/I/L: codes are read from an e-mail and typed by hand.
    static constexpr char kAlphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    constexpr uint32_t kSize = sizeof(kAlphabet) - 1;
    std::string code(length, '\0');
    for (char& c : code) c = kAlphabet[randombytes_uniform(kSize)];
    return code;
}

std::string sha256Hex(const std::string& data) {
    cryptoInit();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::string keyedHashHex(const std::string& key, const std::string& message, size_t bytes) {
    cryptoInit();
    bytes = std::clamp<size_t>(bytes, crypto_generichash_BYTES_MIN, crypto_generichash_BYTES_MAX);
    // The key: its own BLAKE2b hash, so that a key of any length fits crypto_generichash_KEYBYTES.
    unsigned char k[crypto_generichash_KEYBYTES];
    crypto_generichash(k, sizeof k, reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr, 0);
    unsigned char digest[crypto_generichash_BYTES_MAX];
    crypto_generichash(digest, bytes, reinterpret_cast<const unsigned char*>(message.data()), message.size(), k,
                       sizeof k);
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest, bytes);
    hex.resize(bytes * 2);
    return hex;
}

}  // namespace alin
