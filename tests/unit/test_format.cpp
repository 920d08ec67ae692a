// Numbers, amounts and dates formatted for the thread's language (French unless
// set; no locale, no time zone).
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "domain/format.h"
#include "i18n/catalog.h"

using namespace alin::domain;

// U+00A0 no-break space, as written by the formatter.
#define NBSP "\xC2\xA0"

TEST_CASE("formatNumber: table") {
    struct Case {
        double value;
        int decimals;
        std::string expected;
    };
    const Case cases[] = {
        {0, 0, "0"},
        {0, 2, "0,00"},
        {7, 0, "7"},
        {999, 0, "999"},
        {1000, 0, "1" NBSP "000"},
        {1234.56, 2, "1" NBSP "234,56"},
        {1234.56, 0, "1" NBSP "235"},
        {1234.56, 1, "1" NBSP "234,6"},
        {1234.5, 3, "1" NBSP "234,500"},
        {-1234, 0, "-1" NBSP "234"},
        {-1234.56, 2, "-1" NBSP "234,56"},
        {999999.999, 2, "1" NBSP "000" NBSP "000,00"},  // carry through the separators
        {1234567.891, 2, "1" NBSP "234" NBSP "567,89"},
        {100000, 0, "100" NBSP "000"},
        {12345678, 0, "12" NBSP "345" NBSP "678"},
        // half away from zero, on the decimal value as written
        {0.5, 0, "1"},
        {1.5, 0, "2"},
        {2.5, 0, "3"},
        {-0.5, 0, "-1"},
        {-2.5, 0, "-3"},
        {1.005, 2, "1,01"},
        {2.675, 2, "2,68"},
        {-2.675, 2, "-2,68"},
        {0.125, 2, "0,13"},
        {0.124, 2, "0,12"},
        {9.995, 2, "10,00"},
        {0.1 + 0.2, 2, "0,30"},
        {123456789.125, 2, "123" NBSP "456" NBSP "789,13"},
        // never "-0"
        {-0.4, 0, "0"},
        {-0.0, 2, "0,00"},
        {-0.004, 2, "0,00"},
        // small and large magnitudes
        {0.000001, 2, "0,00"},
        {1e15, 0, "1" NBSP "000" NBSP "000" NBSP "000" NBSP "000" NBSP "000"},
        // negative decimals are treated as 0
        {1234.56, -3, "1" NBSP "235"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.value);
        CAPTURE(c.decimals);
        CHECK(formatNumber(c.value, c.decimals) == c.expected);
    }
}

TEST_CASE("formatNumber: default decimals and non-finite values") {
    CHECK(formatNumber(1234.56) == "1" NBSP "235");
    CHECK(formatNumber(std::numeric_limits<double>::quiet_NaN(), 2) == "\xE2\x80\x94");
    CHECK(formatNumber(std::numeric_limits<double>::infinity()) == "\xE2\x80\x94");
    CHECK(formatNumber(-std::numeric_limits<double>::infinity()) == "\xE2\x80\x94");
    // The largest double: 309 digits (15 significant) and 102 separators.
    const std::string max = formatNumber(std::numeric_limits<double>::max());
    CHECK(max.size() == 309 + 102 * 2);
    CHECK(max.substr(0, 5) == "179" NBSP);
    CHECK(formatNumber(std::numeric_limits<double>::denorm_min(), 2) == "0,00");
}

TEST_CASE("formatEuros and formatEurosRounded") {
    struct Case {
        double value;
        std::string euros, rounded;
    };
    const Case cases[] = {
        {1234.56, "1" NBSP "234,56" NBSP "€", "1" NBSP "235" NBSP "€"},
        {0, "0,00" NBSP "€", "0" NBSP "€"},
        {0.5, "0,50" NBSP "€", "1" NBSP "€"},
        {-1234.5, "-1" NBSP "234,50" NBSP "€", "-1" NBSP "235" NBSP "€"},
        {612.0, "612,00" NBSP "€", "612" NBSP "€"},
        {28123.455, "28" NBSP "123,46" NBSP "€", "28" NBSP "123" NBSP "€"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.value);
        CHECK(formatEuros(c.value) == c.euros);
        CHECK(formatEurosRounded(c.value) == c.rounded);
    }
    CHECK(formatEuros(1234.5, 0) == "1" NBSP "235" NBSP "€");
    CHECK(formatEuros(std::numeric_limits<double>::quiet_NaN()) == "\xE2\x80\x94");
}

TEST_CASE("formatDate and formatDateTime (UTC)") {
    struct Case {
        int64_t seconds;
        const char* date;
        const char* dateTime;
    };
    const Case cases[] = {
        {1795701900, "26/11/2026", "26/11/2026 à 14:05"},
        {1795701959, "26/11/2026", "26/11/2026 à 14:05"},  // seconds are truncated
        {0, "01/01/1970", "01/01/1970 à 00:00"},
        {-1, "31/12/1969", "31/12/1969 à 23:59"},
        {-86400, "31/12/1969", "31/12/1969 à 00:00"},
        {-86401, "30/12/1969", "30/12/1969 à 23:59"},
        {951825600, "29/02/2000", "29/02/2000 à 12:00"},  // leap (divisible by 400)
        {1709251140, "29/02/2024", "29/02/2024 à 23:59"},
        {1709251200, "01/03/2024", "01/03/2024 à 00:00"},
        {4107542400, "01/03/2100", "01/03/2100 à 00:00"},  // 2100 is not leap
        {4107542399, "28/02/2100", "28/02/2100 à 23:59"},
        {-2203891201, "28/02/1900", "28/02/1900 à 23:59"},  // 1900 is not leap
        {1767225599, "31/12/2025", "31/12/2025 à 23:59"},
        {1767225600, "01/01/2026", "01/01/2026 à 00:00"},
        {2147483648, "19/01/2038", "19/01/2038 à 03:14"},  // past 32-bit time_t
        {253402300799, "31/12/9999", "31/12/9999 à 23:59"},
        {-62135596800, "01/01/0001", "01/01/0001 à 00:00"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.seconds);
        CHECK(formatDate(c.seconds) == c.date);
        CHECK(formatDateTime(c.seconds) == c.dateTime);
    }
}

TEST_CASE("formatDate: extreme values do not crash") {
    CHECK_FALSE(formatDate(std::numeric_limits<int64_t>::max()).empty());
    CHECK_FALSE(formatDate(std::numeric_limits<int64_t>::min()).empty());
    CHECK_FALSE(formatDateTime(std::numeric_limits<int64_t>::min()).empty());
}

TEST_CASE("English formatting: \u20AC1,234.56, 26 Nov 2026, 26 Nov 2026 at 14:05; French unchanged") {
    using alin::i18n::Lang;
    {
        alin::i18n::LanguageScope english(Lang::En);
        CHECK(formatNumber(1234.56, 2) == "1,234.56");
        CHECK(formatNumber(-1234567.891, 2) == "-1,234,567.89");
        CHECK(formatNumber(999, 0) == "999");
        CHECK(formatNumber(0.5, 1) == "0.5");
        CHECK(formatEuros(1234.56) == "\u20AC1,234.56");
        CHECK(formatEurosRounded(1234.56) == "\u20AC1,235");
        CHECK(formatEuros(612.0, 0) == "\u20AC612");
        CHECK(formatDate(1795701900) == "26 Nov 2026");
        CHECK(formatDateTime(1795701900) == "26 Nov 2026 at 14:05");
        CHECK(formatDate(0) == "1 Jan 1970");
        CHECK(formatDateTime(-1) == "31 Dec 1969 at 23:59");
        CHECK(formatDate(951825600) == "29 Feb 2000");
        const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int m = 0; m < 12; ++m) {
            // The 15th of each month of 2026, at noon.
            static const int cumulative[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
            const int64_t day = 20454 + cumulative[m] + 14;  // 2026-01-01 is day 20454
            CAPTURE(m);
            CHECK(formatDate(day * 86400 + 43200) == std::string("15 ") + months[m] + " 2026");
        }
        CHECK(formatIsoDate("1989-05-19") == "19 May 1989");
        CHECK(formatIsoDate("1989-05-01") == "1 May 1989");
        CHECK(formatIsoDate("19/05/1989") == "19/05/1989");  // not an ISO date: as given
    }
    CHECK(formatEuros(1234.56) == "1" NBSP "234,56" NBSP "\u20AC");
    CHECK(formatDate(1795701900) == "26/11/2026");
    CHECK(formatDateTime(1795701900) == "26/11/2026 \u00E0 14:05");
    CHECK(formatIsoDate("1989-05-19") == "19/05/1989");
    CHECK(formatIsoDate("1989-5-19") == "1989-5-19");
}
