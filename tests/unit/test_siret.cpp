// SIRET of the employer (guide §3): format, Luhn key, La Poste's exception.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "domain/siret.h"
#include "i18n/catalog.h"

using namespace alin::domain;

#define NBSP "\xC2\xA0"

namespace {
std::string keyOrEmpty(const std::optional<std::string>& r) {
    return r ? *r : std::string();
}
}  // namespace

TEST_CASE("siret: check table") {
    struct Case {
        const char* input;
        const char* expected;  // "" = valid, else the catalogue key
    };
    const Case cases[] = {
        {"82454114802432", ""},                            // the guide's example (§3): passes Luhn
        {"824 541 148 02432", ""},                         // spaces as printed
        {" 824" NBSP "541" NBSP "148" NBSP "02432 ", ""},  // no-break spaces, surrounding spaces
        {"824.541.148.02432", ""},
        {"824-541-148-02432", ""},
        {"73282932000074", ""},
        {"55208131766522", ""},
        {"44306184100047", ""},
        {"35600000000048", ""},                      // La Poste head office: Luhn
        {"35600000000001", ""},                      // La Poste establishment: digit sum 15
        {"35600000049837", ""},                      // La Poste establishment: digit sum 45
        {"35600000000002", "error.siret.checksum"},  // La Poste, sum 16, Luhn fails
        {"35600000012345", "error.siret.checksum"},
        {"12345678900005", "error.siret.checksum"},  // sum multiple of 5 is La Poste's rule only
        {"82454114802433", "error.siret.checksum"},  // last digit mistyped
        {"82454114802423", "error.siret.checksum"},  // two digits swapped
        {"11122211111111", "error.siret.checksum"},  // placeholder of the guide's 2nd screenshot
        {"8245414802432", "error.siret.format"},     // the guide's OCR (13 digits)
        {"824541148024320", "error.siret.format"},   // 15 digits
        {"8245411480243A", "error.siret.format"},
        {"82454114802432\xEF\xBC\x92", "error.siret.format"},  // full-width digit
        {"\xFF"
         "2454114802432",
         "error.siret.format"},  // malformed UTF-8
        {"", "error.siret.required"},
        {"   ", "error.siret.required"},
        {" - . ", "error.siret.required"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        CHECK(keyOrEmpty(checkSiret(c.input)) == c.expected);
        if (c.expected[0] == '\0') CHECK(isValidSiret(normalizeSiret(c.input)));
    }
}

TEST_CASE("siret: normalise, format, Luhn") {
    CHECK(normalizeSiret("824 541 148 02432") == "82454114802432");
    CHECK(normalizeSiret("824" NBSP "541") == "824541");
    CHECK(normalizeSiret("ab c") == "abc");  // kept for the check to refuse
    CHECK(formatSiret("82454114802432") == "824" NBSP "541" NBSP "148" NBSP "02432");
    CHECK(formatSiret("123") == "123");
    CHECK(luhnValid("79927398713"));
    CHECK_FALSE(luhnValid("79927398710"));
    CHECK(luhnValid("0"));
    CHECK_FALSE(luhnValid(""));
    CHECK_FALSE(luhnValid("12a"));
    CHECK(luhnValid("732829320"));                   // a SIREN alone also carries a Luhn key
    CHECK_FALSE(isValidSiret("824 541 148 02432"));  // not normalised
}

TEST_CASE("siret: every error key is in the catalogue") {
    for (const char* key : {"error.siret.required", "error.siret.format", "error.siret.checksum"})
        CHECK(std::string(tr(key)) != key);
    CHECK(std::string(tr("error.siret.required")).find("obligatoire") != std::string::npos);
}
