#include "domain/siret.h"

#include "domain/utf8.h"

namespace alin::domain {
namespace {

bool allDigits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

std::string normalizeSiret(std::string_view raw) {
    std::string out;
    out.reserve(kSiretLength);
    for (std::size_t i = 0; i < raw.size();) {
        const utf8::Decoded d = utf8::decodeAt(raw, i);
        if (!(d.valid && (utf8::isSpace(d.cp) || d.cp == '.' || d.cp == '-'))) out.append(raw.substr(i, d.length));
        i += d.length;
    }
    return out;
}

bool luhnValid(std::string_view digits) {
    if (digits.empty() || !allDigits(digits)) return false;
    int sum = 0;
    bool doubleIt = false;  // from the right: every second digit is doubled
    for (std::size_t i = digits.size(); i-- > 0;) {
        int d = digits[i] - '0';
        if (doubleIt) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
        doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
}

bool isValidSiret(std::string_view normalized) {
    if (normalized.size() != kSiretLength || !allDigits(normalized)) return false;
    if (luhnValid(normalized)) return true;
    if (normalized.substr(0, kLaPosteSiren.size()) != kLaPosteSiren) return false;
    int sum = 0;
    for (char c : normalized) sum += c - '0';
    return sum % 5 == 0;
}

std::optional<std::string> checkSiret(std::string_view raw) {
    const std::string siret = normalizeSiret(raw);
    if (siret.empty()) return std::string("error.siret.required");
    if (siret.size() != kSiretLength || !allDigits(siret)) return std::string("error.siret.format");
    if (!isValidSiret(siret)) return std::string("error.siret.checksum");
    return std::nullopt;
}

std::string formatSiret(std::string_view normalized) {
    if (normalized.size() != kSiretLength || !allDigits(normalized)) return std::string(normalized);
    constexpr const char* kNbsp = "\xC2\xA0";
    std::string out;
    out.append(normalized.substr(0, 3)).append(kNbsp);
    out.append(normalized.substr(3, 3)).append(kNbsp);
    out.append(normalized.substr(6, 3)).append(kNbsp);
    out.append(normalized.substr(9, 5));
    return out;
}

}  // namespace alin::domain
