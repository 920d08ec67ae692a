// Secrets: Argon2id hashing, random tokens, SHA-256 of tokens.
#include <doctest/doctest.h>

#include <set>

#include "app/crypto.h"

using namespace alin;

namespace {
bool isLowerHex(const std::string& s) {
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}
}  // namespace

TEST_CASE("crypto: sha256Hex matches the FIPS 180-2 test vectors") {
    CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("crypto: randomHex gives 2 lower-case hex digits per byte, never twice the same") {
    CHECK(randomHex(0).empty());
    CHECK(randomHex(1).size() == 2);
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string token = randomHex(32);
        REQUIRE(token.size() == 64);
        REQUIRE(isLowerHex(token));
        seen.insert(token);
    }
    CHECK(seen.size() == 1000);
}

TEST_CASE("crypto: randomCode uses an unambiguous upper-case alphabet") {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string code = randomCode(6);
        REQUIRE(code.size() == 6);
        for (char c : code) {
            CHECK(((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '9')));
            CHECK(c != 'O');
            CHECK(c != 'I');
            CHECK(c != 'L');
        }
        seen.insert(code);
    }
    CHECK(seen.size() > 190);
}

TEST_CASE("crypto: Argon2id hash and verify") {
    SodiumPasswordHasher light(1, 8 * 1024);  // the minimum: keeps the test fast
    const std::string hash = light.hash("Motdepasse1");
    CHECK(hash.rfind("$argon2id$v=19$m=8,t=1,p=1$", 0) == 0);
    CHECK(hash.find("Motdepasse1") == std::string::npos);
    CHECK(light.verify(hash, "Motdepasse1"));
    CHECK_FALSE(light.verify(hash, "motdepasse1"));
    CHECK_FALSE(light.verify(hash, "Motdepasse1 "));
    CHECK_FALSE(light.verify(hash, ""));
    CHECK_FALSE(light.verify("", "Motdepasse1"));
    CHECK_FALSE(light.verify("$argon2id$garbage", "Motdepasse1"));
    // A fresh salt every time.
    CHECK(light.hash("Motdepasse1") != hash);
}

TEST_CASE("crypto: the parameters travel in the hash, so verify works across settings") {
    // Native default (libsodium INTERACTIVE: t=2, 64 MiB) and the browser demo's
    // lighter setting verify each other's hashes.
    SodiumPasswordHasher native;
    SodiumPasswordHasher demo(2, 16 * 1024 * 1024);
    const std::string nativeHash = native.hash("Logement2024");
    const std::string demoHash = demo.hash("Logement2024");
    CHECK(nativeHash.find("$m=65536,t=2,p=1$") != std::string::npos);
    CHECK(demoHash.find("$m=16384,t=2,p=1$") != std::string::npos);
    CHECK(demo.verify(nativeHash, "Logement2024"));
    CHECK(native.verify(demoHash, "Logement2024"));
    CHECK_FALSE(native.verify(demoHash, "Logement2025"));
}
