// Civil dates: conversions, parsing, ages.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "domain/dates.h"

using namespace alin::domain;

TEST_CASE("dates: days from civil and back") {
    struct Case {
        CivilDate date;
        int64_t days;
    };
    const Case cases[] = {
        {{1970, 1, 1}, 0},     {{1970, 1, 2}, 1},        {{1969, 12, 31}, -1},   {{2000, 2, 29}, 11016},
        {{2000, 3, 1}, 11017}, {{2021, 4, 20}, 18737},   {{1900, 3, 1}, -25508}, {{2026, 11, 26}, 20783},
        {{1, 1, 1}, -719162},  {{2400, 12, 31}, 157419},
    };
    for (const Case& c : cases) {
        CAPTURE(toIsoDate(c.date));
        CHECK(daysFromCivil(c.date) == c.days);
        CHECK(civilFromDays(c.days) == c.date);
        CHECK(unixFromCivil(c.date) == c.days * 86400);
    }
    // Every day over four centuries round-trips, in order.
    int64_t previous = daysFromCivil({1800, 1, 1}) - 1;
    for (int y = 1800; y < 2200; ++y)
        for (int m = 1; m <= 12; ++m)
            for (int d = 1; d <= daysInMonth(y, m); ++d) {
                const int64_t n = daysFromCivil({y, m, d});
                REQUIRE(n == previous + 1);
                REQUIRE(civilFromDays(n) == CivilDate{y, m, d});
                previous = n;
            }
    CHECK(civilFromUnix(-1) == CivilDate{1969, 12, 31});
    CHECK(civilFromUnix(86399) == CivilDate{1970, 1, 1});
    CHECK(civilFromUnix(1618876800 + 3600) == CivilDate{2021, 4, 20});
}

TEST_CASE("dates: validity") {
    CHECK(isLeapYear(2000));
    CHECK(isLeapYear(2024));
    CHECK_FALSE(isLeapYear(1900));
    CHECK_FALSE(isLeapYear(2025));
    CHECK(daysInMonth(2024, 2) == 29);
    CHECK(daysInMonth(2025, 2) == 28);
    CHECK(daysInMonth(2025, 13) == 0);
    CHECK(isValidDate({2024, 2, 29}));
    CHECK_FALSE(isValidDate({2025, 2, 29}));
    CHECK_FALSE(isValidDate({2025, 4, 31}));
    CHECK_FALSE(isValidDate({2025, 0, 1}));
    CHECK_FALSE(isValidDate({2025, 1, 0}));
}

TEST_CASE("dates: parsing") {
    struct Case {
        const char* text;
        bool french;
        std::optional<CivilDate> expected;
    };
    const Case cases[] = {
        {"2021-04-20", false, CivilDate{2021, 4, 20}},
        {"2024-02-29", false, CivilDate{2024, 2, 29}},
        {"2025-02-29", false, std::nullopt},
        {"2021-4-20", false, std::nullopt},
        {"2021-04-20T00:00", false, std::nullopt},
        {"20/04/2021", false, std::nullopt},
        {"", false, std::nullopt},
        {"19/05/1989", true, CivilDate{1989, 5, 19}},  // birth date in the guide's screenshot
        {"1/2/2003", true, CivilDate{2003, 2, 1}},
        {" 20/04/2021 ", true, CivilDate{2021, 4, 20}},
        {"31/04/2021", true, std::nullopt},
        {"29/02/2023", true, std::nullopt},
        {"20/04/21", true, std::nullopt},
        {"20-04-2021", true, std::nullopt},
        {"120/04/2021", true, std::nullopt},
        {"20/04/2021/", true, std::nullopt},
        {"/04/2021", true, std::nullopt},
        {"", true, std::nullopt},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const std::optional<CivilDate> got = c.french ? parseFrenchDate(c.text) : parseIsoDate(c.text);
        CHECK(got == c.expected);
    }
    CHECK(toIsoDate({2021, 4, 20}) == "2021-04-20");
    CHECK(toFrenchDate({2021, 4, 2}) == "02/04/2021");
    CHECK(toFrenchDate({987, 1, 1}) == "01/01/0987");
}

TEST_CASE("dates: ages in completed years") {
    struct Case {
        CivilDate birth, on;
        int age;
    };
    const Case cases[] = {
        {{1989, 5, 19}, {2025, 5, 18}, 35}, {{1989, 5, 19}, {2025, 5, 19}, 36}, {{1989, 5, 19}, {2025, 12, 31}, 36},
        {{2000, 2, 29}, {2025, 2, 28}, 24},  // born on 29 February: one year older on 1 March
        {{2000, 2, 29}, {2025, 3, 1}, 25},  {{2000, 2, 29}, {2024, 2, 29}, 24}, {{2025, 6, 1}, {2025, 6, 1}, 0},
        {{2025, 6, 1}, {2025, 5, 31}, -1},
    };
    for (const Case& c : cases) {
        CAPTURE(toIsoDate(c.birth));
        CAPTURE(toIsoDate(c.on));
        CHECK(ageOn(c.birth, c.on) == c.age);
    }
}
