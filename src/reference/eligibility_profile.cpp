// RegistryRequest -> Household / EligibilityProfile, and the dashboard's
// eligibility lines (eligibility_profile.h).
#include "reference/eligibility_profile.h"

#include <algorithm>
#include <charconv>

#include "domain/format.h"
#include "i18n/catalog.h"

namespace alin {
namespace {

using domain::CivilDate;
using domain::EligibilityProfile;
using domain::Loan;
using domain::MemberRole;
using domain::Zone;

std::string intText(int64_t v) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

std::string euros(int64_t v) {
    return domain::formatEurosRounded(static_cast<double>(v));
}

// "3 858,33 €", or "600 €" for whole euros.
std::string centsText(int64_t cents) {
    return domain::formatEuros(static_cast<double>(cents) / 100.0, cents % 100 == 0 ? 0 : 2);
}

std::optional<CivilDate> parseAnyDate(std::string_view s) {
    if (auto d = domain::parseIsoDate(s)) return d;
    return domain::parseFrenchDate(s);
}

int ageFrom(std::string_view birthDate, const CivilDate& today, int unknownAge) {
    const std::optional<CivilDate> birth = parseAnyDate(birthDate);
    if (!birth) return unknownAge;
    return std::max(0, domain::ageOn(*birth, today));
}

domain::HouseholdMember adult(const RegistryPerson& p, MemberRole role, const CivilDate& today) {
    domain::HouseholdMember m;
    m.role = role;
    m.age = ageFrom(p.birthDate, today, kUnknownAdultAge);
    m.disabled = p.disability;
    m.incomeN2 = p.taxIncomeN2;
    return m;
}

std::string personsText(int persons) {
    return trf(persons <= 1 ? "eligibility.persons.one" : "eligibility.persons.many", {intText(persons)});
}

// "pour 3 personnes", or "pour votre ménage de 2 personnes (catégorie 3)" (the
// wording of explainVerdict, same catalogue keys).
std::string householdPhrase(const domain::HouseholdCategory& h) {
    if (h.plain()) return trf("eligibility.household.plain", {personsText(h.persons)});
    if (h.extraPersons > 0)
        return trn("eligibility.household.category_extra", h.extraPersons,
                   {personsText(h.persons), intText(h.category), intText(h.extraPersons)});
    return trf("eligibility.household.category", {personsText(h.persons), intText(h.category)});
}

const char* zoneInKey(Zone zone) {
    switch (zone) {
        case Zone::ParisLimitrophe:
            return "eligibility.zone_in.paris_limitrophe";
        case Zone::ResteIdf:
            return "eligibility.zone_in.reste_idf";
        case Zone::AutresRegions:
            return "eligibility.zone_in.autres_regions";
    }
    return "eligibility.zone.unknown";
}

// "T2 à T4", "T4 ou plus", "T2".
std::string rangeText(const domain::TypologyRange& r) {
    using domain::kMaxRooms;
    using domain::typologyLabel;
    if (r.maxRooms >= kMaxRooms && r.minRooms < kMaxRooms)
        return trf("eligibility.typology.open_range", {typologyLabel(r.minRooms)});
    if (r.minRooms >= r.maxRooms) return typologyLabel(r.minRooms);
    return trf("eligibility.typology.range", {typologyLabel(r.minRooms), typologyLabel(r.maxRooms)});
}

std::string effortLine(const EligibilityProfile& p) {
    if (!p.enforceEffort) return tr("offers.eligibility.effort_info");
    if (p.monthlyResourcesCents <= 0) return tr("offers.eligibility.effort_no_resources");
    const std::string limit = domain::formatEffort(p.maxEffortBasisPoints);
    // The largest net monthly cost the check accepts: net x 10000 <= max x resources.
    const int64_t maxNet = static_cast<int64_t>(p.maxEffortBasisPoints) * p.monthlyResourcesCents / 10000;
    const std::string resources = p.resourcesDeclared
                                      ? centsText(p.monthlyResourcesCents)
                                      : trf("offers.eligibility.resources_estimated",
                                            {centsText(p.monthlyResourcesCents), intText(p.income.year)});
    if (p.monthlyHousingAidCents > 0)
        return trf("offers.eligibility.effort_with_aid", {limit, resources, centsText(p.monthlyHousingAidCents),
                                                          centsText(maxNet + p.monthlyHousingAidCents)});
    return trf("offers.eligibility.effort", {limit, resources, centsText(maxNet)});
}

}  // namespace

domain::Household householdFromRegistry(const RegistryRequest& r, const CivilDate& today) {
    domain::Household h;
    h.members.reserve(static_cast<std::size_t>(r.householdSize()));
    h.members.push_back(adult(r.applicant, MemberRole::Applicant, today));
    if (r.coApplicant) h.members.push_back(adult(*r.coApplicant, MemberRole::CoApplicant, today));
    for (const HouseholdMember& o : r.otherMembers) {
        domain::HouseholdMember m;
        m.role = o.relation == "enfant" ? MemberRole::Child : MemberRole::Other;
        m.age = ageFrom(o.birthDate, today, 0);
        m.dependant = o.dependant;
        m.disabled = o.disability;
        m.incomeN2 = o.taxIncomeN2;
        h.members.push_back(m);
    }
    // The registry holds no monthly resources: the profile takes income / 12
    // unless the applicant declared them on AL'in (profileFor's DeclaredResources).
    h.monthlyResourcesCents.reset();
    h.monthlyHousingAidCents = 0;
    return h;
}

domain::Household householdFromRegistry(const RegistryRequest& r, std::string_view todayIso) {
    return householdFromRegistry(r, domain::parseIsoDate(todayIso).value_or(CivilDate{}));
}

namespace {
domain::Household withDeclared(domain::Household h, const DeclaredResources& declared) {
    h.monthlyResourcesCents = declared.monthlyResourcesCents;
    h.monthlyHousingAidCents = declared.monthlyHousingAidCents.value_or(0);
    return h;
}
}  // namespace

EligibilityProfile profileFor(const RegistryRequest& r, const domain::IncomeCeilings& ceilings,
                              const domain::EligibilityRules& rules, const CivilDate& today,
                              const DeclaredResources& declared) {
    return domain::makeEligibilityProfile(withDeclared(householdFromRegistry(r, today), declared), ceilings, rules);
}

EligibilityProfile profileFor(const RegistryRequest& r, const domain::IncomeCeilings& ceilings,
                              const domain::EligibilityRules& rules, std::string_view todayIso,
                              const DeclaredResources& declared) {
    return domain::makeEligibilityProfile(withDeclared(householdFromRegistry(r, todayIso), declared), ceilings, rules);
}

std::optional<EligibilityConfig> eligibilityConfigFromJson(std::string_view ceilingsJson,
                                                           std::string_view typologiesJson, double maxEffortRate,
                                                           std::string* error) {
    EligibilityConfig config;
    std::optional<domain::IncomeCeilings> ceilings = domain::parseIncomeCeilings(ceilingsJson, 0, error);
    if (!ceilings) return std::nullopt;
    config.ceilings = std::move(*ceilings);
    if (!typologiesJson.empty()) {
        std::optional<domain::TypologyRules> typologies = domain::parseTypologyRules(typologiesJson, error);
        if (!typologies) return std::nullopt;
        config.rules.typology = std::move(*typologies);
    }
    if (!(maxEffortRate > 0.0 && maxEffortRate <= 1.0)) {
        if (error) *error = "maximum rent effort must be in ]0, 1], got " + std::to_string(maxEffortRate);
        return std::nullopt;
    }
    config.rules.maxEffortRate = maxEffortRate;
    return config;
}

std::vector<Zone> requestZones(const RegistryRequest& r) {
    std::vector<Zone> zones;
    for (const std::string& insee : r.requestedCommunes) {
        if (insee.size() != 5) continue;
        const Zone z = domain::zoneOf(insee);
        if (std::find(zones.begin(), zones.end(), z) == zones.end()) zones.push_back(z);
    }
    if (zones.empty() && r.currentAddress.insee.size() == 5) zones.push_back(domain::zoneOf(r.currentAddress.insee));
    return zones;
}

std::vector<std::string> eligibilitySentences(const RegistryRequest& r, const EligibilityProfile& p) {
    std::vector<std::string> lines;
    lines.push_back(domain::explainHouseholdCategory(p.household));
    const std::string year = intText(p.income.year);
    const std::string income = euros(p.income.amount);
    const std::string household = householdPhrase(p.household);
    for (const Zone zone : requestZones(r)) {
        const std::string where = tr(zoneInKey(zone));
        for (int l = 0; l < domain::kLoanCount; ++l) {
            const auto loan = static_cast<Loan>(l);
            const int64_t ceiling = p.ceilingFor(loan, zone);
            if (ceiling < 0) continue;  // no data for this loan and zone
            lines.push_back(
                trf(p.income.amount <= ceiling ? "offers.eligibility.income_under" : "offers.eligibility.income_above",
                    {year, income, domain::loanCode(loan), household, where, euros(ceiling)}));
        }
    }
    lines.push_back(trf("offers.eligibility.typology", {personsText(p.household.persons), rangeText(p.typology)}));
    lines.push_back(effortLine(p));
    return lines;
}

nlohmann::json eligibilityTable(const RegistryRequest& r, const EligibilityProfile& p) {
    nlohmann::json zones = nlohmann::json::array();
    std::string summary;
    const std::string income = euros(p.income.amount);
    for (const Zone zone : requestZones(r)) {
        nlohmann::json rows = nlohmann::json::array();
        std::vector<std::string> open;
        for (int l = 0; l < domain::kLoanCount; ++l) {
            const auto loan = static_cast<Loan>(l);
            const int64_t ceiling = p.ceilingFor(loan, zone);
            if (ceiling < 0) continue;
            const bool eligible = p.income.amount <= ceiling;
            if (eligible) open.emplace_back(domain::loanCode(loan));
            rows.push_back({{"loan", std::string(domain::loanCode(loan))},
                            {"ceilingText", euros(ceiling)},
                            {"incomeText", income},
                            {"eligible", eligible}});
        }
        std::string list;
        for (std::size_t i = 0; i < open.size(); ++i)
            list += (i == 0 ? "" : i + 1 == open.size() ? std::string(tr("eligibility.table.and")) : ", ") + open[i];
        const std::string where = tr(zoneInKey(zone));
        const std::string line = open.empty() ? trf("eligibility.table.summary_none", {where})
                                              : trf("eligibility.table.summary", {list, where});
        summary += (summary.empty() ? "" : " ") + line;
        zones.push_back({{"zone", std::string(domain::zoneCode(zone))},
                         {"label", tr(domain::zoneLabelKey(zone))},
                         {"rows", std::move(rows)}});
    }
    nlohmann::json loans = nlohmann::json::array();
    for (int l = 0; l < domain::kLoanCount; ++l) {
        const std::string code(domain::loanCode(static_cast<Loan>(l)));
        loans.push_back({{"loan", code}, {"text", tr("eligibility.table.loan." + code)}});
    }
    return {{"summary", summary},
            {"incomeYear", p.income.year},
            {"incomeHeader", trf("eligibility.table.income_header", {intText(p.income.year)})},
            {"zones", std::move(zones)},
            {"loans", std::move(loans)}};
}

}  // namespace alin
