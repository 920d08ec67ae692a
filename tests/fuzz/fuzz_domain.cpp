// libFuzzer target: the domain parsers of form and imported fields (Numéro
// Unique, SIRET, NIR, mobile phone, e-mail, names, dates, UTF-8) on arbitrary
// bytes. Beyond "no crash" (ASan, UBSan), each checks the invariants its header
// promises; a broken invariant aborts (__builtin_trap) so libFuzzer keeps the input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "demo_data/registry_seed.h"
#include "domain/dates.h"
#include "domain/nir.h"
#include "domain/numero_unique.h"
#include "domain/siret.h"
#include "domain/utf8.h"
#include "domain/validation.h"

using namespace alin;
using namespace alin::domain;

#define FUZZ_ASSERT(cond)              \
    do {                               \
        if (!(cond)) __builtin_trap(); \
    } while (0)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);

    // UTF-8: decoding always progresses, counts agree, valid text re-encodes to itself.
    {
        size_t pos = 0, count = 0;
        bool allValid = true;
        std::string reencoded;
        while (pos < in.size()) {
            utf8::Decoded d = utf8::decodeAt(in, pos);
            FUZZ_ASSERT(d.length >= 1 && pos + d.length <= in.size());
            allValid = allValid && d.valid;
            if (d.valid) utf8::append(reencoded, d.cp);
            pos += d.length;
            ++count;
        }
        FUZZ_ASSERT(count == utf8::codePointCount(in));
        FUZZ_ASSERT(allValid == utf8::isValid(in));
        if (allValid) FUZZ_ASSERT(reencoded == in);
        std::string_view t = utf8::trim(in);
        FUZZ_ASSERT(t.data() >= in.data() && t.data() + t.size() <= in.data() + in.size());
    }

    // Numéro Unique: normalizing is idempotent; a valid one is 18 A-Z/0-9.
    {
        std::string nu = normalizeNumeroUnique(in);
        // Idempotent on text; on invalid UTF-8 removing a space can join two stray
        // bytes into a dash (found by this target: corpus/fuzz_domain/nu_joined_dash),
        // harmless since such input is refused anyway.
        if (utf8::isValid(in)) FUZZ_ASSERT(normalizeNumeroUnique(nu) == nu);
        if (!checkNumeroUnique(in)) FUZZ_ASSERT(isNormalizedNumeroUnique(nu));
        (void)normalizeDepartmentCode(in);
    }

    // SIRET: a valid one normalizes to 14 Luhn-valid digits and formats.
    {
        std::string siret = normalizeSiret(in);
        if (!checkSiret(in)) {
            FUZZ_ASSERT(isValidSiret(siret));
            FUZZ_ASSERT(siret.size() == 14 && luhnValid(siret));
            (void)formatSiret(siret);
        }
    }

    // NIR (social security number): a valid one has a key of 1..97 that matches.
    {
        if (isValidNir(in)) {
            const int key = nirKey(in.substr(0, 13));
            FUZZ_ASSERT(key >= 1 && key <= 97);
        }
        if (in.size() >= 13) (void)nirKey(in.substr(0, 13));
        (void)luhnValid(in);
    }

    // Mobile phone: the E.164 form is stable and formats back.
    {
        auto e164 = normalizeMobilePhone(in);
        if (e164) {
            FUZZ_ASSERT(normalizeMobilePhone(*e164) == e164);
            FUZZ_ASSERT(normalizeMobilePhone(formatFrenchPhone(*e164)) == e164);
        }
        FUZZ_ASSERT(checkMobilePhone(in).has_value() == !e164.has_value());
    }

    // E-mail and names.
    {
        if (!checkEmail(in)) FUZZ_ASSERT(!checkEmail(normalizeEmail(in)));
        (void)checkName(in);
        std::string name = normalizeName(in);
        FUZZ_ASSERT(normalizeName(name) == name);
    }

    // Dates: what parses is a real date and prints back to what parses the same.
    {
        if (auto d = parseIsoDate(in)) {
            FUZZ_ASSERT(isValidDate(*d));
            FUZZ_ASSERT(parseIsoDate(toIsoDate(*d)) == d);
            FUZZ_ASSERT(civilFromDays(daysFromCivil(*d)) == *d);
            FUZZ_ASSERT(civilFromUnix(unixFromCivil(*d)) == *d);
        }
        if (auto d = parseFrenchDate(in)) {
            FUZZ_ASSERT(isValidDate(*d));
            FUZZ_ASSERT(parseFrenchDate(toFrenchDate(*d)) == d);
            FUZZ_ASSERT(parseIsoDate(toIsoDate(*d)) == d);
        }
    }
    return 0;
}
