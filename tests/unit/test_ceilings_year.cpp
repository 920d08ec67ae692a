// The ceilings year follows the clock (issue 12 item 7): the figures valid on
// the day apply; figures added in advance for 2026 apply from 1 January 2026.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "domain/eligibility.h"
#include "reference/service_data.h"

using namespace alin;
namespace dom = alin::domain;

namespace {

std::string readAsset(const char* name) {
    std::ifstream in(std::string(ALIN_SOURCE_DIR) + "/assets/data/" + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The shipped file plus a 2026 year whose PLUS Paris ceiling for category 1 is 30 000 €.
std::string withYear2026() {
    nlohmann::json doc = nlohmann::json::parse(readAsset("income_ceilings.json"));
    nlohmann::json y2026 = doc["years"][0];
    y2026["year"] = 2026;
    y2026["incomeYear"] = 2024;
    for (auto& row : y2026["rows"])
        if (row["loan"] == "PLUS" && row["zone"] == "paris_limitrophe") row["categories"][0] = 30000;
    doc["years"].push_back(y2026);
    return doc.dump();
}

}  // namespace

TEST_CASE("ceilings year: the figures valid on the day apply") {
    std::string error;
    const auto history = dom::parseIncomeCeilingsHistory(withYear2026(), &error);
    REQUIRE_MESSAGE(history, error);
    REQUIRE(history->years.size() == 2);
    CHECK(history->validIn(2025).year == 2025);
    CHECK(history->validIn(2026).year == 2026);
    CHECK(history->validIn(2031).year == 2026);
    CHECK(history->validIn(2020).year == 2025);  // before every year: the oldest
    CHECK(history->validIn(2025).ceiling(dom::Loan::PLUS, dom::Zone::ParisLimitrophe, 1, 0) == 26687);
    CHECK(history->validIn(2026).ceiling(dom::Loan::PLUS, dom::Zone::ParisLimitrophe, 1, 0) == 30000);
    CHECK(history->validIn(2026).incomeYear == 2024);

    // The service data picks by day: 31 December 2025 -> 2025, 1 January 2026 -> 2026.
    ServiceData data;
    data.ceilings = history->years.back();
    data.ceilingsHistory = *history;
    CHECK(data.ceilingsOn({2025, 12, 31}).year == 2025);
    CHECK(data.ceilingsOn({2026, 1, 1}).year == 2026);

    CHECK_FALSE(dom::parseIncomeCeilingsHistory("{", &error));
    CHECK_FALSE(dom::parseIncomeCeilingsHistory(R"({"years": []})", &error));
}

TEST_CASE("rent effort: the threshold is configurable in the rules data") {
    const std::string shipped = readAsset("income_ceilings.json");
    std::string error;
    const auto rules = dom::parseRentEffortRules(shipped, {}, &error);
    REQUIRE_MESSAGE(rules, error);
    CHECK(rules->maxEffortRate == doctest::Approx(0.33));
    CHECK(rules->enforceEffort);

    nlohmann::json doc = nlohmann::json::parse(shipped);
    doc["rentEffort"]["maxRate"] = 0.25;
    doc["rentEffort"]["enforce"] = false;
    const auto changed = dom::parseRentEffortRules(doc.dump(), {}, &error);
    REQUIRE(changed);
    CHECK(changed->maxEffortRate == doctest::Approx(0.25));
    CHECK_FALSE(changed->enforceEffort);
    doc["rentEffort"]["maxRate"] = 1.5;
    CHECK_FALSE(dom::parseRentEffortRules(doc.dump(), {}, &error));
    doc.erase("rentEffort");
    CHECK(dom::parseRentEffortRules(doc.dump(), {}, &error)->maxEffortRate == doctest::Approx(0.33));
}
