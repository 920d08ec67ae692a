// Free functions of geography.h: the search key of a name (accent and case
// folding) and the distance between two communes.
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "domain/utf8.h"
#include "reference/geography.h"

namespace alin {

namespace {

// Folding of the accented Latin letters met in French names to ASCII.
const char* foldLatin(char32_t cp) {
    if (cp >= 0xC0 && cp <= 0xFF) {
        static const char* const kLatin1[64] = {
            "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",   // C0-CF
            "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",  // D0-DF
            "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",   // E0-EF
            "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y",   // F0-FF
        };
        return kLatin1[cp - 0xC0];
    }
    switch (cp) {
        case 0x152:
        case 0x153:
            return "oe";
        case 0x178:
            return "y";
        case 0x160:
        case 0x161:
            return "s";
        case 0x17D:
        case 0x17E:
            return "z";
        case 0x141:
        case 0x142:
            return "l";
        default:
            return nullptr;
    }
}

}  // namespace

std::string geoSearchKey(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    bool pendingSpace = false;
    for (std::size_t i = 0; i < name.size();) {
        auto dec = domain::utf8::decodeAt(name, i);
        i += dec.length;
        char32_t cp = dec.cp;
        const char* folded = nullptr;
        char ascii[2] = {0, 0};
        if (cp < 0x80) {
            char c = static_cast<char>(cp);
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                ascii[0] = c;
                folded = ascii;
            }
        } else if (cp >= 0x300 && cp <= 0x36F) {
            continue;  // combining accent (decomposed input): dropped, no separator
        } else if (dec.valid) {
            folded = foldLatin(cp);
            if (!folded && domain::utf8::isLetter(cp)) {  // other scripts: kept as they are
                std::string tmp;
                domain::utf8::append(tmp, cp);
                if (pendingSpace && !out.empty()) out += ' ';
                pendingSpace = false;
                out += tmp;
                continue;
            }
        }
        if (!folded) {
            pendingSpace = true;
            continue;
        }
        if (pendingSpace && !out.empty()) out += ' ';
        pendingSpace = false;
        out += folded;
    }
    return out;
}

std::int32_t geoDistanceMeters(const Commune& a, const Commune& b) {
    if (!a.hasPosition() || !b.hasPosition()) return -1;
    constexpr double kRad = 3.14159265358979323846 / 180.0 / 1000.0;  // 1e-3 degree to radians
    constexpr double kEarthMeters = 6'371'000.0;
    const double lat1 = a.latE3 * kRad, lat2 = b.latE3 * kRad;
    const double dLat = lat2 - lat1, dLon = (b.lonE3 - a.lonE3) * kRad;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(lat1) * std::cos(lat2) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return static_cast<std::int32_t>(std::lround(2 * kEarthMeters * std::asin(std::min(1.0, std::sqrt(h)))));
}

}  // namespace alin
