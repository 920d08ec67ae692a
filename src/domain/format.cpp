#include "domain/format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "i18n/catalog.h"

namespace alin::domain {
namespace {

constexpr const char* kNoBreakSpace = "\xC2\xA0";    // U+00A0
constexpr const char* kNotANumber = "\xE2\x80\x94";  // U+2014 em dash, for NaN and infinities
constexpr int kMaxDecimals = 20;

// The decimal value of v >= 0 to 15 significant digits (DBL_DIG), as integer
// and fractional digit strings. 15 digits give back exactly the number a person
// typed (1.005 stays 1.005, not its binary value 1.00499999999999989...), so
// the rounding below is the one people expect. printf's "%e" is exact in glibc
// and musl alike; libc++ in our Emscripten lacks floating-point to_chars.
// Built from fixed-size buffers with one assign/append per part: assigning and
// growing std::string step by step here made GCC 12 at -O3 see impossible
// out-of-bounds paths in the inlined libstdc++ code (-Wrestrict, -Warray-bounds).
void decimalDigits(double v, std::string& intPart, std::string& fracPart) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.14e", v);  // d.dddddddddddddde±XX
    char digits[24];                             // 15 significant digits
    std::size_t count = 0;
    const char* p = buf;
    for (; *p != '\0' && *p != 'e'; ++p)
        if (*p >= '0' && *p <= '9' && count < sizeof digits) digits[count++] = *p;  // skips the decimal point
    int exponent = 0;
    if (*p == 'e') exponent = std::atoi(p + 1);  // |exponent| <= 324 for a double
    intPart.clear();
    fracPart.clear();
    if (exponent >= 0) {
        const auto intDigits = static_cast<std::size_t>(exponent) + 1;
        const std::size_t fromDigits = std::min(intDigits, count);
        intPart.append(digits, fromDigits);
        intPart.append(intDigits - fromDigits, '0');
        fracPart.append(digits + fromDigits, count - fromDigits);
    } else {
        intPart.push_back('0');
        fracPart.append(static_cast<std::size_t>(-exponent - 1), '0');
        fracPart.append(digits, count);
    }
}

// Rounds the decimal digits "intPart.fracPart" to `decimals` fractional digits,
// half away from zero (the sign is handled by the caller).
void roundDecimal(std::string& intPart, std::string& fracPart, int decimals) {
    const auto keep = static_cast<std::size_t>(decimals);
    if (fracPart.size() <= keep) {
        fracPart.append(keep - fracPart.size(), '0');
        return;
    }
    const bool up = fracPart[keep] >= '5';
    fracPart.resize(keep);
    if (!up) return;
    // Increment intPart.fracPart as one digit string, right to left.
    for (std::size_t i = fracPart.size(); i-- > 0;) {
        if (fracPart[i] != '9') {
            ++fracPart[i];
            return;
        }
        fracPart[i] = '0';
    }
    for (std::size_t i = intPart.size(); i-- > 0;) {
        if (intPart[i] != '9') {
            ++intPart[i];
            return;
        }
        intPart[i] = '0';
    }
    intPart.insert(intPart.begin(), '1');
}

void appendPadded(std::string& out, int64_t value, int width) {
    if (value < 0) {
        out.push_back('-');
        value = -value;  // years only: far from INT64_MIN
    }
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, value);
    const auto len = static_cast<int>(res.ptr - buf);
    if (len < width) out.append(static_cast<std::size_t>(width - len), '0');
    out.append(buf, res.ptr);
}

struct CivilTime {
    int64_t year;
    int month, day, hour, minute;
};

// Howard Hinnant's civil_from_days (proleptic Gregorian calendar), in 64 bits.
CivilTime civilFromUnix(int64_t unixSeconds) {
    int64_t days = unixSeconds / 86400;
    int64_t secs = unixSeconds % 86400;
    if (secs < 0) {  // floor division for instants before 1970
        secs += 86400;
        --days;
    }
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;                                       // [0, 146096]
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
    const int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
    CivilTime t{};
    t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    t.year = yoe + era * 400 + (t.month <= 2 ? 1 : 0);
    t.hour = static_cast<int>(secs / 3600);
    t.minute = static_cast<int>(secs % 3600 / 60);
    return t;
}

}  // namespace

std::string formatNumber(double value, int decimals) {
    if (!std::isfinite(value)) return kNotANumber;
    decimals = std::clamp(decimals, 0, kMaxDecimals);
    const bool negative = std::signbit(value);

    std::string intPart, fracPart;
    decimalDigits(std::fabs(value), intPart, fracPart);
    roundDecimal(intPart, fracPart, decimals);

    const bool zero =
        intPart.find_first_not_of('0') == std::string::npos && fracPart.find_first_not_of('0') == std::string::npos;
    const bool english = i18n::language() == i18n::Lang::En;
    const char* thousands = english ? "," : kNoBreakSpace;
    std::string out;
    if (negative && !zero) out.push_back('-');  // never "-0"
    for (std::size_t i = 0; i < intPart.size(); ++i) {
        if (i > 0 && (intPart.size() - i) % 3 == 0) out.append(thousands);
        out.push_back(intPart[i]);
    }
    if (!fracPart.empty()) {
        out.push_back(english ? '.' : ',');
        out.append(fracPart);
    }
    return out;
}

std::string formatEuros(double value, int decimals) {
    if (!std::isfinite(value)) return kNotANumber;
    return trf("format.euros", {formatNumber(value, decimals)});
}

std::string formatEurosRounded(double value) {
    return formatEuros(value, 0);
}

namespace {

// French: 26/11/2026. English: 26 Nov 2026 (the month's abbreviation from the catalogue).
std::string formatCivilDate(int64_t year, int month, int day) {
    if (i18n::language() == i18n::Lang::En) {
        std::string d, y;
        appendPadded(d, day, 1);
        appendPadded(y, year, 4);
        const std::string monthKey = "format.month." + std::to_string(month);
        return trf("format.date_words", {d, tr(monthKey), y});
    }
    std::string out;
    appendPadded(out, day, 2);
    out.push_back('/');
    appendPadded(out, month, 2);
    out.push_back('/');
    appendPadded(out, year, 4);
    return out;
}

}  // namespace

std::string formatIsoDate(std::string_view iso) {
    auto digits = [&](std::size_t from, std::size_t count, int& out) {
        out = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (iso[i] < '0' || iso[i] > '9') return false;
            out = out * 10 + (iso[i] - '0');
        }
        return true;
    };
    int year = 0, month = 0, day = 0;
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !digits(0, 4, year) || !digits(5, 2, month) ||
        !digits(8, 2, day) || month < 1 || month > 12 || day < 1 || day > 31)
        return std::string(iso);
    return formatCivilDate(year, month, day);
}

std::string formatDate(int64_t unixSeconds) {
    const CivilTime t = civilFromUnix(unixSeconds);
    return formatCivilDate(t.year, t.month, t.day);
}

std::string formatDateTime(int64_t unixSeconds) {
    const CivilTime t = civilFromUnix(unixSeconds);
    std::string time;
    appendPadded(time, t.hour, 2);
    time.push_back(':');
    appendPadded(time, t.minute, 2);
    return trf("format.date_time", {formatDate(unixSeconds), time});
}

}  // namespace alin::domain
