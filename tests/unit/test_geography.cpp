// Geography asset (build-assets/geo/, built by scripts/build-geo.mjs from
// @etalab/decoupage-administratif 6.0.0): loaders, lookups, EPCI neighbours, search.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <string>

#include "reference/geography.h"

using namespace alin;

namespace {

const Geography& geo() {
    static const Geography g = loadGeographyFile(std::string(ALIN_SOURCE_DIR) + "/build-assets/geo/geo.bin");
    return g;
}

std::string readText(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    REQUIRE_MESSAGE(f != nullptr, "missing " << path << ": run node scripts/build-geo.mjs");
    std::string s;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
    std::fclose(f);
    return s;
}

std::vector<std::string> names(const std::vector<const Commune*>& v) {
    std::vector<std::string> out;
    for (auto* c : v) out.emplace_back(c->name);
    return out;
}

}  // namespace

TEST_CASE("geography: known facts") {
    const Geography& g = geo();
    REQUIRE_FALSE(g.empty());
    CHECK(g.source().starts_with("@etalab/decoupage-administratif 6.0.0, GeoNames"));
    // Metropolitan France (96) and the five DROM; the package's 8 COM are left out.
    CHECK(g.departments().size() == 101);
    CHECK(g.communes().size() == 34875);
    CHECK(g.epcis().size() == 1255);

    const Commune* paris = g.commune("75056");
    REQUIRE(paris != nullptr);
    CHECK(paris->name == "Paris");
    CHECK(paris->dept == "75");
    CHECK(paris->population > 2000000);
    CHECK(paris->postcodeCount() == 21);
    CHECK(paris->postcode(0) == "75001");
    CHECK(paris->postcodes().back() == "75020");

    const Commune* quimper = g.commune("29232");
    REQUIRE(quimper != nullptr);
    CHECK(quimper->name == "Quimper");
    CHECK(quimper->dept == "29");
    CHECK(quimper->postcodes() == std::vector<std::string>{"29000"});
    const Department* finistere = g.department("29");
    REQUIRE(finistere != nullptr);
    CHECK(finistere->name == "Finistère");
    CHECK(finistere->regionName == "Bretagne");
    CHECK(finistere->zone == GeoZone::Metro);

    // Corsica and the DROM.
    REQUIRE(g.department("2A") != nullptr);
    CHECK(g.department("2A")->name == "Corse-du-Sud");
    REQUIRE(g.commune("2A004") != nullptr);
    CHECK(g.commune("2A004")->name == "Ajaccio");
    REQUIRE(g.department("974") != nullptr);
    CHECK(g.department("974")->zone == GeoZone::Drom);
    CHECK(g.commune("97411")->name == "Saint-Denis");
    CHECK(g.department("20") == nullptr);
    CHECK(g.department("975") == nullptr);  // a COM
    CHECK(g.commune("99999") == nullptr);
    CHECK(g.commune("") == nullptr);
    // Delegated communes and Paris arrondissements are not current communes.
    CHECK(g.commune("75101") == nullptr);
}

TEST_CASE("geography: departments sorted, communes of a department") {
    const Geography& g = geo();
    auto deps = g.departments();
    for (std::size_t i = 1; i < deps.size(); ++i) CHECK(deps[i - 1].code < deps[i].code);
    CHECK(deps.front().code == "01");
    CHECK(deps.back().code == "976");
    std::size_t total = 0;
    for (const Department& d : deps) {
        auto list = g.communesOf(d.code);
        CHECK(list.size() == d.communeCount);
        CHECK(!list.empty());
        for (const Commune& c : list) CHECK(c.dept == d.code);
        total += list.size();
    }
    CHECK(total == g.communes().size());
    CHECK(g.communesOf("75").size() == 1);
    CHECK(g.communesOf("29").size() == 277);
    CHECK(g.communesOf("xx").empty());
    auto all = g.communes();
    for (std::size_t i = 1; i < all.size(); ++i) REQUIRE(all[i - 1].insee < all[i].insee);
}

TEST_CASE("geography: EPCI neighbours (stand-in for communes limitrophes)") {
    const Geography& g = geo();
    const Epci* e = g.epciOf("29232");
    REQUIRE(e != nullptr);
    CHECK(e->code == "200068120");
    CHECK(e->name == "CA Quimper Bretagne Occidentale");
    auto n = g.neighbours("29232");
    CHECK(n.size() == e->memberCount - 1);
    CHECK(n.size() == 13);
    for (const Commune* c : n) {
        CHECK(c->insee != "29232");
        CHECK(g.epciOf(c->insee) == e);
    }
    auto nn = names(n);
    CHECK(std::find(nn.begin(), nn.end(), "Ergué-Gabéric") != nn.end());
    CHECK(std::find(nn.begin(), nn.end(), "Locronan") != nn.end());

    // Paris: the Métropole du Grand Paris (130 members in the package).
    const Epci* mgp = g.epciOf("75056");
    REQUIRE(mgp != nullptr);
    CHECK(mgp->name == "Métropole du Grand Paris");
    auto pn = g.neighbours("75056");
    CHECK(pn.size() == 129);
    CHECK(std::any_of(pn.begin(), pn.end(), [](auto* c) { return c->insee == "92012"; }));  // Boulogne-Billancourt

    // Island communes without EPCI have no neighbours.
    CHECK(g.epciOf("29155") == nullptr);  // Ouessant
    CHECK(g.neighbours("29155").empty());
    CHECK(g.neighbours("00000").empty());

    // Every commune is in at most one EPCI, and the member lists agree.
    std::size_t withEpci = 0;
    for (const Commune& c : g.communes()) withEpci += c.epci >= 0;
    std::size_t members = 0;
    for (const Epci& x : g.epcis()) members += x.memberCount;
    CHECK(withEpci == members);
}

TEST_CASE("geography: offer areas (three tabs)") {
    const Geography& g = geo();
    std::vector<std::string> req = {"29232", "29019", "29232", "99999"};  // Quimper, Brest, duplicate, unknown
    OfferAreas a = g.offerAreas(req);
    CHECK(a.requested().size() == 2);
    CHECK(a.departments() == std::vector<std::string>{"29"});
    CHECK(a.tabOf("29232") == OfferTab::Requested);
    CHECK(a.tabOf("29051") == OfferTab::Neighbours);  // Ergué-Gabéric, CA Quimper
    CHECK(a.tabOf("29075") == OfferTab::Neighbours);  // Guipavas, Brest métropole
    CHECK(a.tabOf("29103") == OfferTab::Department);  // Landerneau
    CHECK(a.tabOf("75056") == OfferTab::None);
    CHECK(a.requested().size() + a.neighbours().size() + a.others().size() == g.communesOf("29").size());
    for (auto* c : a.neighbours()) CHECK(a.tabOf(c->insee) == OfferTab::Neighbours);
}

TEST_CASE("geography: search by name prefix, accent-insensitive") {
    const Geography& g = geo();
    CHECK(geoSearchKey("L'Haÿ-les-Roses") == "l hay les roses");
    CHECK(geoSearchKey("  ŒUILLY  ") == "oeuilly");
    CHECK(geoSearchKey("Saint-Étienne") == "saint etienne");
    CHECK(geoSearchKey("E\xCC\x81vry") == "evry");  // decomposed accent

    auto r = g.search("quimp");
    REQUIRE(!r.empty());
    CHECK(r[0]->insee == "29232");
    r = g.search("saint etienne", 5);
    REQUIRE(!r.empty());
    CHECK(r[0]->insee == "42218");
    r = g.search("ST-ETIENNE", 5);
    REQUIRE(!r.empty());
    CHECK(r[0]->insee == "42218");
    r = g.search("Saint-Étienne-du-R");
    REQUIRE(r.size() == 1);
    CHECK(r[0]->name == "Saint-Étienne-du-Rouvray");
    r = g.search("rochelle");  // a word inside the name
    REQUIRE(!r.empty());
    CHECK(r[0]->insee == "17300");
    r = g.search("paris", 3);
    REQUIRE(!r.empty());
    CHECK(r[0]->insee == "75056");
    CHECK(r.size() <= 3);
    r = g.search("saint", 10);
    CHECK(r.size() == 10);
    for (std::size_t i = 1; i < r.size(); ++i) CHECK(r[i - 1]->population >= r[i]->population);
    // Department filter.
    r = g.search("plo", 50, "29");
    REQUIRE(!r.empty());
    for (auto* c : r) CHECK(c->dept == "29");
    // Postcode / INSEE prefix.
    r = g.search("29000");
    REQUIRE(!r.empty());
    CHECK(r[0]->insee == "29232");
    r = g.search("2a004");
    REQUIRE(r.size() == 1);
    CHECK(r[0]->name == "Ajaccio");
    CHECK(g.search("").empty());
    CHECK(g.search("zzzzzz").empty());
    CHECK(g.search("'-").empty());
}

TEST_CASE("geography: JSON asset equals the binary asset") {
    const Geography& b = geo();
    Geography j = Geography::fromJson(readText(std::string(ALIN_SOURCE_DIR) + "/build-assets/geo/geo.json"));
    REQUIRE(j.communes().size() == b.communes().size());
    REQUIRE(j.departments().size() == b.departments().size());
    REQUIRE(j.epcis().size() == b.epcis().size());
    CHECK(j.source() == b.source());
    for (std::size_t i = 0; i < b.communes().size(); ++i) {
        const Commune &x = b.communes()[i], &y = j.communes()[i];
        REQUIRE(x.insee == y.insee);
        CHECK(x.name == y.name);
        CHECK(x.dept == y.dept);
        CHECK(x.postcodesPacked == y.postcodesPacked);
        CHECK(x.population == y.population);
        CHECK(x.epci == y.epci);
        CHECK(x.latE3 == y.latE3);
        CHECK(x.lonE3 == y.lonE3);
    }
    for (std::size_t i = 0; i < b.departments().size(); ++i) {
        CHECK(b.departments()[i].name == j.departments()[i].name);
        CHECK(b.departments()[i].regionCode == j.departments()[i].regionCode);
    }
}

TEST_CASE("geography: commune positions and distances") {
    const Geography& g = geo();
    // From GeoNames (Quimper 47.99597, -4.09795; Paris 48.85341, 2.3488).
    const Commune* quimper = g.commune("29232");
    const Commune* paris = g.commune("75056");
    REQUIRE(quimper != nullptr);
    REQUIRE(paris != nullptr);
    CHECK(quimper->latE3 == 47996);
    CHECK(quimper->lonE3 == -4098);
    CHECK_FALSE(quimper->positionEstimated);
    // Great circle Paris - Quimper: 485 km (haversine on a 6 371 km sphere, as
    // computed independently from the two positions above).
    CHECK(geoDistanceMeters(*paris, *quimper) / 1000 == 485);
    CHECK(geoDistanceMeters(*quimper, *paris) == geoDistanceMeters(*paris, *quimper));
    CHECK(geoDistanceMeters(*paris, *paris) == 0);
    // Every commune has a position; those GeoNames lacks are estimated near their
    // neighbours: Île-de-Sein (no EPCI, 29083) from its department's centre, a
    // village of Quimper's EPCI within 20 km of Quimper.
    std::size_t estimated = 0;
    for (const Commune& c : g.communes()) {
        REQUIRE_MESSAGE(c.hasPosition(), c.insee);
        estimated += c.positionEstimated ? 1 : 0;
    }
    CHECK(estimated > g.communes().size() / 2);
    CHECK(estimated < g.communes().size());
    for (const Commune* c : g.neighbours("29232"))
        if (c->positionEstimated) CHECK_MESSAGE(geoDistanceMeters(*c, *quimper) < 20'000, c->name);
    const Commune* sein = g.commune("29083");
    REQUIRE(sein != nullptr);
    CHECK(geoDistanceMeters(*sein, *quimper) < 100'000);
    // The DROM are placed too (GeoNames files them under their own country codes).
    const Commune* saintDenis = g.commune("97411");
    REQUIRE(saintDenis != nullptr);
    CHECK_FALSE(saintDenis->positionEstimated);
    CHECK(saintDenis->latE3 / 1000 == -20);
    // Unknown position: -1, never a made-up figure.
    Commune nowhere;
    CHECK(geoDistanceMeters(nowhere, *paris) == -1);
}

TEST_CASE("geography: malformed assets give errors, not crashes") {
    CHECK_THROWS_AS(Geography::fromBytes(""), GeographyError);
    CHECK_THROWS_AS(Geography::fromBytes("ALGEO"), GeographyError);
    CHECK_THROWS_AS(Geography::fromBytes(std::string("ALGEO\x09", 6)), GeographyError);  // version
    std::string bin = readText(std::string(ALIN_SOURCE_DIR) + "/build-assets/geo/geo.bin");
    for (std::size_t cut : {7ul, 100ul, bin.size() / 2, bin.size() - 1})
        CHECK_THROWS_AS(Geography::fromBytes(std::string_view(bin).substr(0, cut)), GeographyError);
    CHECK_THROWS_AS(Geography::fromBytes(bin + "x"), GeographyError);
    CHECK_THROWS_AS(Geography::fromJson("{"), GeographyError);
    CHECK_THROWS_AS(Geography::fromJson("[]"), GeographyError);
    CHECK_THROWS_AS(Geography::fromJson(R"({"format":"alin-geo","version":2})"), GeographyError);
    CHECK_THROWS_AS(Geography::fromJson(R"({"format":"alin-geo","version":2,"regions":[["11",3]],
        "departements":[],"communes":[],"epci":[]})"),
                    GeographyError);
    CHECK_THROWS_WITH_AS(Geography::fromJson(R"({"format":"alin-geo","version":2,"regions":[["11","IdF"]],
        "departements":[["75","Paris","11","metro"]],"communes":[["75056","Paris","75",[],"x"]],"epci":[]})"),
                         doctest::Contains("population"), GeographyError);
    CHECK_THROWS_WITH_AS(Geography::fromJson(R"({"format":"alin-geo","version":2,"regions":[["11","IdF"]],
        "departements":[["75","Paris","11","metro"]],"communes":[["75056","Paris","77",[],1]],"epci":[]})"),
                         doctest::Contains("unknown department"), GeographyError);
    CHECK_THROWS_AS(loadGeographyFile("/nonexistent/geo.bin"), GeographyError);
    // A tiny valid JSON asset loads.
    Geography tiny = Geography::fromJson(R"({"format":"alin-geo","version":2,"regions":[["11","IdF"]],
        "departements":[["75","Paris","11","metro"]],"communes":[["75056","Paris","75",["75001"],5]],
        "epci":[["200054781","MGP","METRO",["75056"]]]})");
    CHECK(tiny.communes().size() == 1);
    CHECK(tiny.neighbours("75056").empty());
    CHECK(tiny.epciOf("75056")->name == "MGP");
    CHECK_FALSE(tiny.commune("75056")->hasPosition());  // no position given, none to estimate from
    CHECK_THROWS_WITH_AS(Geography::fromJson(R"({"format":"alin-geo","version":2,"regions":[["11","IdF"]],
        "departements":[["75","Paris","11","metro"]],"communes":[["75056","Paris","75",[],1,95000,2000]],"epci":[]})"),
                         doctest::Contains("position"), GeographyError);
    Geography empty;
    CHECK(empty.empty());
    CHECK(empty.commune("75056") == nullptr);
    CHECK(empty.search("paris").empty());
    CHECK(empty.departments().empty());
}

TEST_CASE("geography: load time and memory (figures)") {
    std::string bin = readText(std::string(ALIN_SOURCE_DIR) + "/build-assets/geo/geo.bin");
    auto t0 = std::chrono::steady_clock::now();
    Geography g = Geography::fromBytes(bin);
    auto t1 = std::chrono::steady_clock::now();
    std::size_t found = 0;
    for (const Commune& c : g.communes()) found += g.commune(c.insee) == &c;
    auto t2 = std::chrono::steady_clock::now();
    CHECK(found == g.communes().size());
    MESSAGE("geo.bin " << bin.size() / 1024 << " KB loaded in "
                       << std::chrono::duration<double, std::milli>(t1 - t0).count() << " ms, "
                       << g.memoryBytes() / 1024 << " KB in memory; " << found << " lookups in "
                       << std::chrono::duration<double, std::milli>(t2 - t1).count() << " ms");
}
