#include "domain/eligibility.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "domain/format.h"
#include "i18n/catalog.h"

namespace alin::domain {
namespace {

using nlohmann::json;

constexpr int64_t kMaxCents = 1'000'000'000'000;  // 10 billion euros: keeps products far from overflow
constexpr int64_t kMaxEuros = 10'000'000'000;

// Paris (75056) and the 29 neighbouring communes (docs/domain-rules.md), sorted.
constexpr int kParisLimitrophe[] = {
    75056, 92012, 92024, 92040, 92044, 92046, 92049, 92051, 92062, 92064, 92073, 92075, 93001, 93006, 93045,
    93048, 93055, 93061, 93066, 93070, 94018, 94033, 94037, 94041, 94042, 94043, 94052, 94067, 94069, 94080,
};
constexpr std::string_view kIdfDepartments[] = {"75", "77", "78", "91", "92", "93", "94", "95"};

char asciiUpper(char c) {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

bool equalsAsciiFold(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (asciiUpper(a[i]) != asciiUpper(b[i])) return false;
    return true;
}

int64_t clampI64(int64_t v, int64_t lo, int64_t hi) {
    return std::min(std::max(v, lo), hi);
}

std::size_t cell(Loan loan, Zone zone) {
    return static_cast<std::size_t>(loan) * kZoneCount + static_cast<std::size_t>(zone);
}

bool validLoan(Loan loan) {
    return static_cast<unsigned>(loan) < kLoanCount;
}
bool validZone(Zone zone) {
    return static_cast<unsigned>(zone) < kZoneCount;
}

std::string intText(int64_t v) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

// A JSON number that is a whole value, as int64 (26687 or 26687.0).
std::optional<int64_t> wholeNumber(const json& v) {
    if (v.is_number_integer()) return v.get<int64_t>();
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) return static_cast<int64_t>(d);
    }
    return std::nullopt;
}

bool boolField(const json& obj, const char* key) {
    const auto it = obj.find(key);
    return it != obj.end() && it->is_boolean() && it->get<bool>();
}

bool fail(std::string* error, std::string message) {
    if (error) *error = std::move(message);
    return false;
}

// ---------------------------------------------------------------- French wording

std::string euros(int64_t v) {
    return formatEurosRounded(static_cast<double>(v));
}

// Cents as "612,50 €", or "600 €" for whole euros.
std::string centsText(int64_t cents) {
    const double v = static_cast<double>(cents) / 100.0;
    return formatEuros(v, cents % 100 == 0 ? 0 : 2);
}

std::string personsText(int persons) {
    const std::string n = intText(persons);
    return trf(persons <= 1 ? "eligibility.persons.one" : "eligibility.persons.many", {n});
}

std::string zoneInText(Zone zone) {
    switch (zone) {
        case Zone::ParisLimitrophe:
            return tr("eligibility.zone_in.paris_limitrophe");
        case Zone::ResteIdf:
            return tr("eligibility.zone_in.reste_idf");
        case Zone::AutresRegions:
            return tr("eligibility.zone_in.autres_regions");
    }
    return {};
}

// "pour 3 personnes", or "pour votre ménage de 2 personnes (catégorie 3)".
std::string householdPhrase(const HouseholdCategory& h) {
    if (h.plain()) return trf("eligibility.household.plain", {personsText(h.persons)});
    const std::string category = intText(h.category);
    if (h.extraPersons > 0)
        return trn("eligibility.household.category_extra", h.extraPersons,
                   {personsText(h.persons), category, intText(h.extraPersons)});
    return trf("eligibility.household.category", {personsText(h.persons), category});
}

// "T3 à T5", "T4 ou plus", "T2".
std::string rangeText(const TypologyRange& r) {
    if (r.maxRooms >= kMaxRooms && r.minRooms < kMaxRooms)
        return trf("eligibility.typology.open_range", {typologyLabel(r.minRooms)});
    if (r.minRooms >= r.maxRooms) return typologyLabel(r.minRooms);
    return trf("eligibility.typology.range", {typologyLabel(r.minRooms), typologyLabel(r.maxRooms)});
}

// "3" for a threshold of 33 %: the guide's "earn about 3 times the rent".
std::string rentMultipleText(int32_t maxEffortBasisPoints) {
    if (maxEffortBasisPoints <= 0) return "\xE2\x80\x94";
    const double multiple = 10000.0 / maxEffortBasisPoints;
    const bool whole = std::fabs(multiple - std::round(multiple)) < 0.25;
    return formatNumber(whole ? std::round(multiple) : multiple, whole ? 0 : 1);
}

int64_t netMonthlyCost(const EligibilityProfile& p, const OfferFacts& o) {
    const int64_t rent = clampI64(o.monthlyRentCents, 0, kMaxCents);
    const int64_t charges = clampI64(o.monthlyChargesCents, 0, kMaxCents);
    return std::max<int64_t>(0, rent + charges - p.monthlyHousingAidCents);
}

int64_t grossMonthlyCost(const OfferFacts& o) {
    return clampI64(o.monthlyRentCents, 0, kMaxCents) + clampI64(o.monthlyChargesCents, 0, kMaxCents);
}

}  // namespace

// ---------------------------------------------------------------- loans and zones

std::string_view loanCode(Loan loan) {
    switch (loan) {
        case Loan::PLAI:
            return "PLAI";
        case Loan::PLUS:
            return "PLUS";
        case Loan::PLS:
            return "PLS";
        case Loan::PLI:
            return "PLI";
    }
    return "?";
}

std::optional<Loan> parseLoan(std::string_view s) {
    for (int i = 0; i < kLoanCount; ++i)
        if (equalsAsciiFold(s, loanCode(static_cast<Loan>(i)))) return static_cast<Loan>(i);
    return std::nullopt;
}

std::string_view zoneCode(Zone zone) {
    switch (zone) {
        case Zone::ParisLimitrophe:
            return "paris_limitrophe";
        case Zone::ResteIdf:
            return "reste_idf";
        case Zone::AutresRegions:
            return "autres_regions";
    }
    return "?";
}

std::optional<Zone> parseZone(std::string_view s) {
    for (int i = 0; i < kZoneCount; ++i)
        if (equalsAsciiFold(s, zoneCode(static_cast<Zone>(i)))) return static_cast<Zone>(i);
    return std::nullopt;
}

const char* zoneLabelKey(Zone zone) {
    switch (zone) {
        case Zone::ParisLimitrophe:
            return "eligibility.zone.paris_limitrophe";
        case Zone::ResteIdf:
            return "eligibility.zone.reste_idf";
        case Zone::AutresRegions:
            return "eligibility.zone.autres_regions";
    }
    return "eligibility.zone.unknown";
}

std::string_view departmentOfCommune(std::string_view insee) {
    if (insee.size() != 5) return {};
    if (insee.substr(0, 2) == "97" || insee.substr(0, 2) == "98") return insee.substr(0, 3);
    return insee.substr(0, 2);
}

bool isParisOrLimitrophe(std::string_view insee) {
    if (insee.size() != 5) return false;
    int code = 0;
    for (char c : insee) {
        if (c < '0' || c > '9') return false;  // 2A004, ...: Corsica
        code = code * 10 + (c - '0');
    }
    if (code >= 75101 && code <= 75120) return true;  // Paris arrondissements
    return std::binary_search(std::begin(kParisLimitrophe), std::end(kParisLimitrophe), code);
}

Zone zoneOf(std::string_view insee, std::string_view department) {
    if (isParisOrLimitrophe(insee)) return Zone::ParisLimitrophe;
    if (department.empty()) department = departmentOfCommune(insee);
    return isIleDeFranceDepartment(department) ? Zone::ResteIdf : Zone::AutresRegions;
}

bool isIleDeFranceDepartment(std::string_view department) {
    for (std::string_view d : kIdfDepartments)
        if (d == department) return true;
    return false;
}

// ---------------------------------------------------------------- household

HouseholdCategory householdCategory(const Household& household) {
    HouseholdCategory h;
    h.persons = std::max<int>(1, static_cast<int>(household.members.size()));
    int adults = 0;  // members who are not dependants
    bool partner = false, applicant = false;
    int ageSum = 0;
    for (const HouseholdMember& m : household.members) {
        const bool dependant = m.dependant && m.role != MemberRole::Applicant;
        if (dependant) {
            ++h.dependants;
        } else {
            ++adults;
            ageSum += std::max(0, m.age);
            applicant = applicant || m.role == MemberRole::Applicant;
            partner = partner || m.role == MemberRole::Spouse || m.role == MemberRole::CoApplicant;
        }
        h.disability = h.disability || m.disabled;
    }
    // Rank before the cap at 6: category 1..6 then one per extra person. Each
    // definition of the arrêté gives a rank; the category is the highest of them
    // (they do not add up: a jeune ménage with a disabled member is category 3).
    int rank = h.persons;
    if (household.members.size() == 2 && h.dependants == 0 && applicant && partner && ageSum <= 55) {
        h.jeuneMenage = true;
        rank = std::max(rank, 3);
    } else if (adults == 1 && h.dependants >= 1) {
        h.singleWithDependants = true;
        rank = std::max(rank, h.persons + 1);  // one person with k dependants: category k + 2
    }
    // "N persons of whom at least one is disabled" is category N + 1.
    if (h.disability && h.persons + 1 > rank) {
        h.disabilityRaises = true;
        rank = h.persons + 1;
    }
    h.category = std::min(rank, 6);
    h.extraPersons = std::max(0, rank - 6);
    return h;
}

IncomeConsidered incomeConsidered(const Household& household, int n2Year) {
    IncomeConsidered r;
    bool anyN1 = false;
    for (const HouseholdMember& m : household.members) {
        const int64_t n2 = clampI64(m.incomeN2, 0, kMaxEuros);
        r.totalN2 += n2;
        if (m.incomeN1) {
            anyN1 = true;
            r.totalN1 += clampI64(*m.incomeN1, 0, kMaxEuros);
        } else {
            r.totalN1 += n2;
        }
    }
    // N-1 when it is at least 10 % lower: totalN1 <= 0.9 x totalN2, in integers.
    r.usedN1 = anyN1 && r.totalN1 * 10 <= r.totalN2 * 9 && r.totalN1 < r.totalN2;
    r.amount = r.usedN1 ? r.totalN1 : r.totalN2;
    r.year = r.usedN1 ? n2Year + 1 : n2Year;
    return r;
}

// ---------------------------------------------------------------- income ceilings

const CeilingRow& IncomeCeilings::row(Loan loan, Zone zone) const {
    static const CeilingRow kNone{};
    if (!validLoan(loan) || !validZone(zone)) return kNone;
    return rows[cell(loan, zone)];
}

std::optional<int64_t> IncomeCeilings::ceiling(Loan loan, Zone zone, int category, int extraPersons) const {
    const CeilingRow& r = row(loan, zone);
    if (!r.present) return std::nullopt;
    const int c = std::clamp(category, 1, 6);
    return r.categories[static_cast<std::size_t>(c - 1)] + r.perExtraPerson * std::max(0, extraPersons);
}

std::optional<IncomeCeilings> parseIncomeCeilings(std::string_view jsonText, int year, std::string* error) {
    const json doc = json::parse(jsonText.begin(), jsonText.end(), nullptr, false);
    if (doc.is_discarded()) {
        fail(error, "income ceilings: invalid JSON");
        return std::nullopt;
    }
    return parseIncomeCeilings(doc, year, error);
}

std::optional<EligibilityRules> parseRentEffortRules(std::string_view jsonText, EligibilityRules base,
                                                     std::string* error) {
    const json doc = json::parse(jsonText.begin(), jsonText.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        fail(error, "rent effort: invalid JSON");
        return std::nullopt;
    }
    const auto it = doc.find("rentEffort");
    if (it == doc.end()) return base;
    if (!it->is_object()) {
        fail(error, "rent effort: 'rentEffort' must be an object");
        return std::nullopt;
    }
    if (const auto rate = it->find("maxRate"); rate != it->end()) {
        if (!rate->is_number() || !(rate->get<double>() > 0.0 && rate->get<double>() <= 1.0)) {
            fail(error, "rent effort: 'maxRate' must be a number in ]0, 1]");
            return std::nullopt;
        }
        base.maxEffortRate = rate->get<double>();
    }
    if (const auto enforce = it->find("enforce"); enforce != it->end()) {
        if (!enforce->is_boolean()) {
            fail(error, "rent effort: 'enforce' must be true or false");
            return std::nullopt;
        }
        base.enforceEffort = enforce->get<bool>();
    }
    return base;
}

std::optional<IncomeCeilingsHistory> parseIncomeCeilingsHistory(std::string_view jsonText, std::string* error) {
    const json doc = json::parse(jsonText.begin(), jsonText.end(), nullptr, false);
    if (doc.is_discarded()) {
        fail(error, "income ceilings: invalid JSON");
        return std::nullopt;
    }
    if (!parseIncomeCeilings(doc, 0, error)) return std::nullopt;  // no year, or the latest malformed
    IncomeCeilingsHistory out;
    for (const json& y : doc["years"]) {
        if (!y.is_object() || !y.contains("year")) continue;
        const std::optional<int64_t> v = wholeNumber(y["year"]);
        if (!v) continue;
        auto one = parseIncomeCeilings(doc, static_cast<int>(*v), error);
        if (!one) return std::nullopt;
        out.years.push_back(std::move(*one));
    }
    std::sort(out.years.begin(), out.years.end(),
              [](const IncomeCeilings& a, const IncomeCeilings& b) { return a.year < b.year; });
    return out;
}

const IncomeCeilings& IncomeCeilingsHistory::validIn(int year) const {
    const IncomeCeilings* best = &years.front();
    for (const IncomeCeilings& c : years)
        if (c.year <= year) best = &c;
    return *best;
}

std::optional<IncomeCeilings> parseIncomeCeilings(const json& doc, int year, std::string* error) {
    const auto years = doc.is_object() ? doc.find("years") : doc.end();
    if (!doc.is_object() || years == doc.end() || !years->is_array()) {
        fail(error, "income ceilings: no 'years' array");
        return std::nullopt;
    }
    // The requested year, or the most recent one.
    const json* chosen = nullptr;
    int64_t chosenYear = 0;
    for (const json& y : *years) {
        if (!y.is_object() || !y.contains("year")) continue;
        const std::optional<int64_t> v = wholeNumber(y["year"]);
        if (!v) continue;
        if ((year != 0 && *v == year) || (year == 0 && (!chosen || *v > chosenYear))) {
            chosen = &y;
            chosenYear = *v;
        }
    }
    if (!chosen) {
        fail(error, year ? "income ceilings: year " + intText(year) + " not found" : "income ceilings: no year");
        return std::nullopt;
    }
    IncomeCeilings out;
    out.year = static_cast<int>(chosenYear);
    out.incomeYear = out.year - 2;
    if (const auto it = chosen->find("incomeYear"); it != chosen->end())
        if (const auto v = wholeNumber(*it)) out.incomeYear = static_cast<int>(*v);

    const auto rows = chosen->find("rows");
    if (rows == chosen->end() || !rows->is_array()) {
        fail(error, "income ceilings " + intText(out.year) + ": no 'rows' array");
        return std::nullopt;
    }
    int index = 0;
    for (const json& r : *rows) {
        const std::string where = "income ceilings " + intText(out.year) + ", row " + intText(index++) + ": ";
        if (!r.is_object()) {
            fail(error, where + "not an object");
            return std::nullopt;
        }
        const auto loanIt = r.find("loan");
        const auto zoneIt = r.find("zone");
        // Plain values, not std::optional read after its check: GCC 12 at -O3
        // reports those as maybe-uninitialized (GCC bug 80635).
        Loan loan{};
        Zone zone{};
        bool known = false;
        if (loanIt != r.end() && loanIt->is_string() && zoneIt != r.end() && zoneIt->is_string()) {
            const auto l = parseLoan(loanIt->get<std::string>());
            const auto z = parseZone(zoneIt->get<std::string>());
            known = l.has_value() && z.has_value();
            loan = l.value_or(Loan{});
            zone = z.value_or(Zone{});
        }
        if (!known) {
            fail(error, where + "unknown 'loan' or 'zone'");
            return std::nullopt;
        }
        CeilingRow& row = out.rows[cell(loan, zone)];
        if (row.present) {
            fail(error, where + "duplicate " + std::string(loanCode(loan)) + " / " + std::string(zoneCode(zone)));
            return std::nullopt;
        }
        const auto cats = r.find("categories");
        if (cats == r.end() || !cats->is_array() || cats->size() != 6) {
            fail(error, where + "'categories' must hold 6 amounts");
            return std::nullopt;
        }
        for (std::size_t i = 0; i < 6; ++i) {
            const std::optional<int64_t> v = wholeNumber((*cats)[i]);
            if (!v || *v <= 0 || *v > kMaxEuros || (i > 0 && *v < row.categories[i - 1])) {
                fail(error, where + "'categories' must be increasing positive whole euros");
                return std::nullopt;
            }
            row.categories[i] = *v;
        }
        const auto extra = r.find("perExtraPerson");
        const std::optional<int64_t> perExtra = extra != r.end() ? wholeNumber(*extra) : std::nullopt;
        if (!perExtra || *perExtra < 0 || *perExtra > kMaxEuros) {
            fail(error, where + "'perExtraPerson' must be a whole number of euros");
            return std::nullopt;
        }
        row.perExtraPerson = *perExtra;
        row.approximate = boolField(r, "approximate");
        row.assumption = boolField(r, "assumption");
        row.present = true;
    }
    return out;
}

// ---------------------------------------------------------------- typology

TypologyRange TypologyRules::rangeFor(int persons) const {
    if (ranges.empty()) return {};
    const std::size_t i = static_cast<std::size_t>(std::max(1, persons)) - 1;
    return ranges[std::min(i, ranges.size() - 1)];
}

TypologyRules defaultTypologyRules() {
    return TypologyRules{{{1, 2}, {1, 3}, {2, 4}, {3, 5}, {4, kMaxRooms}}};
}

std::optional<TypologyRules> parseTypologyRules(std::string_view jsonText, std::string* error) {
    const json doc = json::parse(jsonText.begin(), jsonText.end(), nullptr, false);
    const auto ranges = doc.is_object() ? doc.find("ranges") : doc.end();
    if (!doc.is_object() || ranges == doc.end() || !ranges->is_array() || ranges->empty()) {
        fail(error, "typologies: invalid JSON or no 'ranges' array");
        return std::nullopt;
    }
    TypologyRules out;
    for (const json& r : *ranges) {
        const int expectedPersons = static_cast<int>(out.ranges.size()) + 1;
        const std::string where = "typologies, range " + intText(expectedPersons) + ": ";
        if (!r.is_object()) {
            fail(error, where + "not an object");
            return std::nullopt;
        }
        // -1 when absent or not a whole number (plain values: see GCC bug 80635 above).
        const auto field = [&](const char* key) {
            return r.contains(key) ? wholeNumber(r[key]).value_or(-1) : int64_t{-1};
        };
        const int64_t persons = field("persons");
        const int64_t lo = field("minRooms");
        const int64_t hi = field("maxRooms");
        if (persons != expectedPersons) {
            fail(error, where + "'persons' must count 1, 2, 3... in order");
            return std::nullopt;
        }
        if (lo < 1 || lo > hi || hi > kMaxRooms) {
            fail(error, where + "rooms must satisfy 1 <= minRooms <= maxRooms <= 6");
            return std::nullopt;
        }
        out.ranges.push_back({static_cast<int>(lo), static_cast<int>(hi)});
    }
    return out;
}

std::optional<int> parseTypology(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (equalsAsciiFold(s, "studio")) return 1;
    if (s.empty() || asciiUpper(s.front()) != 'T') return std::nullopt;
    s.remove_prefix(1);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    if (s.empty() || s.size() > 2) return std::nullopt;
    int rooms = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        rooms = rooms * 10 + (c - '0');
    }
    if (rooms < 1) return std::nullopt;
    return std::min(rooms, kMaxRooms);
}

std::string typologyLabel(int rooms) {
    // Appended, not `"T" + intText(...)`: GCC 12's inlined operator+(const char*,
    // std::string&&) makes it warn about an impossible memcpy (GCC bug 105329).
    std::string out = "T";
    out += intText(std::clamp(rooms, 1, kMaxRooms));
    return out;
}

// ---------------------------------------------------------------- profile and check

int64_t EligibilityProfile::ceilingFor(Loan loan, Zone zone) const {
    if (!validLoan(loan) || !validZone(zone)) return -1;
    return ceilings[cell(loan, zone)];
}

EligibilityProfile makeEligibilityProfile(const Household& household, const IncomeCeilings& table,
                                          const EligibilityRules& rules) {
    EligibilityProfile p;
    p.household = householdCategory(household);
    p.income = incomeConsidered(household, table.incomeYear != 0 ? table.incomeYear : table.year - 2);
    p.ceilingsYear = table.year;
    for (int l = 0; l < kLoanCount; ++l)
        for (int z = 0; z < kZoneCount; ++z) {
            const auto loan = static_cast<Loan>(l);
            const auto zone = static_cast<Zone>(z);
            p.ceilings[cell(loan, zone)] =
                table.ceiling(loan, zone, p.household.category, p.household.extraPersons).value_or(-1);
        }
    p.typology = rules.typology.rangeFor(p.household.persons);
    p.resourcesDeclared = household.monthlyResourcesCents.has_value();
    p.monthlyResourcesCents =
        p.resourcesDeclared ? clampI64(*household.monthlyResourcesCents, 0, kMaxCents) : p.income.amount * 100 / 12;
    p.monthlyHousingAidCents = clampI64(household.monthlyHousingAidCents, 0, kMaxCents);
    const double rate = std::isfinite(rules.maxEffortRate) ? std::clamp(rules.maxEffortRate, 0.0, 1.0) : 0.33;
    p.maxEffortBasisPoints = static_cast<int32_t>(std::lround(rate * 10000.0));
    p.enforceEffort = rules.enforceEffort;
    return p;
}

Verdict check(const EligibilityProfile& p, const OfferFacts& o) noexcept {
    using R = EligibilityRule;
    const int64_t ceiling = p.ceilingFor(o.loan, o.zone);
    if (ceiling < 0) return {R::NoCeilingData, p.income.amount, -1};
    if (p.income.amount > ceiling) return {R::IncomeAboveCeiling, p.income.amount, ceiling};

    const int rooms = std::clamp(o.rooms, 1, kMaxRooms);
    if (rooms < p.typology.minRooms) return {R::TypologyTooSmall, rooms, p.typology.minRooms};
    if (rooms > p.typology.maxRooms) return {R::TypologyTooLarge, rooms, p.typology.maxRooms};

    if (p.enforceEffort) {
        const int64_t net = netMonthlyCost(p, o);
        if (net > 0) {
            if (p.monthlyResourcesCents <= 0) return {R::RentEffortTooHigh, -1, p.maxEffortBasisPoints};
            // net / resources > max / 10000, exactly, in integers.
            if (net * 10000 > static_cast<int64_t>(p.maxEffortBasisPoints) * p.monthlyResourcesCents) {
                const int64_t effort = (net * 10000 + p.monthlyResourcesCents - 1) / p.monthlyResourcesCents;
                return {R::RentEffortTooHigh, effort, p.maxEffortBasisPoints};
            }
        }
    }
    return {};
}

int32_t effortBasisPoints(const EligibilityProfile& p, const OfferFacts& o) noexcept {
    const int64_t net = netMonthlyCost(p, o);
    if (net == 0) return 0;
    if (p.monthlyResourcesCents <= 0) return -1;
    const int64_t bp = (net * 20000 + p.monthlyResourcesCents) / (2 * p.monthlyResourcesCents);  // half up
    return static_cast<int32_t>(std::min<int64_t>(bp, INT32_MAX));
}

const char* eligibilityRuleKey(EligibilityRule rule) {
    switch (rule) {
        case EligibilityRule::Eligible:
            return "eligibility.rule.eligible";
        case EligibilityRule::IncomeAboveCeiling:
            return "eligibility.rule.income";
        case EligibilityRule::NoCeilingData:
            return "eligibility.rule.no_ceiling";
        case EligibilityRule::TypologyTooSmall:
            return "eligibility.rule.too_small";
        case EligibilityRule::TypologyTooLarge:
            return "eligibility.rule.too_large";
        case EligibilityRule::RentEffortTooHigh:
            return "eligibility.rule.effort";
    }
    return "eligibility.rule.unknown";
}

std::string formatEffort(int32_t bp, int32_t thresholdBp) {
    if (bp < 0) return "\xE2\x80\x94";
    const double percent = bp / 100.0;
    const bool looksEqual =
        thresholdBp >= 0 && bp != thresholdBp && formatNumber(percent, 1) == formatNumber(thresholdBp / 100.0, 1);
    std::string text = formatNumber(percent, looksEqual ? 2 : 1);
    return text + "\xC2\xA0%";
}

// After an effort sentence whose resources are the income considered / 12 (none
// declared in the request file): says so, and where to declare them.
namespace {
std::string estimatedNote(const EligibilityProfile& p) {
    if (p.resourcesDeclared) return {};
    return " " + trf("eligibility.effort.resources_estimated", {intText(p.income.year)});
}
}  // namespace

std::string explainEffort(const EligibilityProfile& p, const OfferFacts& o) {
    const int32_t bp = effortBasisPoints(p, o);
    if (bp < 0) return tr("eligibility.effort.no_resources");
    const std::string cost = centsText(grossMonthlyCost(o));
    const std::string effort = formatEffort(bp, p.maxEffortBasisPoints);
    const std::string resources = centsText(p.monthlyResourcesCents);
    if (p.monthlyHousingAidCents > 0)
        return trf("eligibility.effort.with_aid", {cost, centsText(p.monthlyHousingAidCents), effort, resources}) +
               estimatedNote(p);
    return trf("eligibility.effort.plain", {cost, effort, resources}) + estimatedNote(p);
}

std::string explainVerdict(const EligibilityProfile& p, const OfferFacts& o, const Verdict& v) {
    const std::string loan(validLoan(o.loan) ? loanCode(o.loan) : std::string_view("?"));
    const std::string zone = validZone(o.zone) ? zoneInText(o.zone) : std::string();
    switch (v.rule) {
        case EligibilityRule::Eligible: {
            std::string out =
                trf("eligibility.explain.eligible", {intText(p.income.year), euros(p.income.amount), loan,
                                                     euros(std::max<int64_t>(0, p.ceilingFor(o.loan, o.zone)))});
            out.push_back(' ');
            out.append(explainEffort(p, o));
            return out;
        }
        case EligibilityRule::IncomeAboveCeiling: {
            const std::string household = householdPhrase(p.household);
            if (p.income.usedN1)
                return trf("eligibility.explain.income_n1", {intText(p.income.year), intText(p.income.year - 1),
                                                             euros(v.value), loan, household, zone, euros(v.limit)});
            return trf("eligibility.explain.income",
                       {intText(p.income.year), euros(v.value), loan, household, zone, euros(v.limit)});
        }
        case EligibilityRule::NoCeilingData:
            return trf("eligibility.explain.no_ceiling", {loan, zone});
        case EligibilityRule::TypologyTooSmall:
        case EligibilityRule::TypologyTooLarge:
            return trf(
                v.rule == EligibilityRule::TypologyTooSmall ? "eligibility.explain.too_small"
                                                            : "eligibility.explain.too_large",
                {typologyLabel(static_cast<int>(v.value)), personsText(p.household.persons), rangeText(p.typology)});
        case EligibilityRule::RentEffortTooHigh: {
            const std::string cost = centsText(grossMonthlyCost(o));
            if (v.value < 0) return trf("eligibility.explain.effort_no_resources", {cost});
            const std::string effort = formatEffort(static_cast<int32_t>(std::min<int64_t>(v.value, INT32_MAX)),
                                                    static_cast<int32_t>(v.limit));
            const std::string limit = formatEffort(static_cast<int32_t>(v.limit));
            const std::string multiple = rentMultipleText(static_cast<int32_t>(v.limit));
            const std::string resources = centsText(p.monthlyResourcesCents);
            if (p.monthlyHousingAidCents > 0)
                return trf("eligibility.explain.effort_with_aid",
                           {cost, centsText(p.monthlyHousingAidCents), resources, effort, limit, multiple}) +
                       estimatedNote(p);
            return trf("eligibility.explain.effort", {cost, resources, effort, limit, multiple}) + estimatedNote(p);
        }
    }
    return tr("eligibility.rule.unknown");
}

std::string explainHouseholdCategory(const HouseholdCategory& h) {
    std::string reason;
    if (h.jeuneMenage) {
        reason = tr("eligibility.category.jeune_menage");
    } else if (h.singleWithDependants) {
        reason = trf("eligibility.category.single_with_dependants", {personsText(h.dependants)});
    } else {
        reason = personsText(h.persons);
    }
    if (h.disabilityRaises) {
        reason.append(tr("eligibility.category.disability"));
    }
    if (h.extraPersons > 0)
        return trn("eligibility.category.sentence_extra", h.extraPersons,
                   {intText(h.category), intText(h.extraPersons), reason});
    return trf("eligibility.category.sentence", {intText(h.category), reason});
}

}  // namespace alin::domain
