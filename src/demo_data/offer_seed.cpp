// Offer catalogue: JSON of Offer (offer_types.h) and the deterministic generator
// (offer_seed.h: figures and distributions are documented there).
#include "demo_data/offer_seed.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace alin {

using Json = nlohmann::json;

// ====================================================================== names
std::string_view fundingName(Funding f) {
    switch (f) {
        case Funding::PLAI:
            return "PLAI";
        case Funding::PLUS:
            return "PLUS";
        case Funding::PLS:
            return "PLS";
        default:
            return "PLI";
    }
}
std::string_view heatingCode(Heating h) {
    switch (h) {
        case Heating::IndividualGas:
            return "individuel_gaz";
        case Heating::Collective:
            return "collectif";
        case Heating::Electric:
            return "electrique";
        case Heating::HeatPump:
            return "pompe_a_chaleur";
        default:
            return "reseau_de_chaleur";
    }
}
std::string_view heatingLabel(Heating h) {
    switch (h) {
        case Heating::IndividualGas:
            return "Individuel gaz";
        case Heating::Collective:
            return "Collectif";
        case Heating::Electric:
            return "Électrique";
        case Heating::HeatPump:
            return "Pompe à chaleur";
        default:
            return "Réseau de chaleur";
    }
}
std::string_view dwellingKindCode(DwellingKind k) {
    return k == DwellingKind::House ? "maison" : "appartement";
}
std::string_view dwellingKindLabel(DwellingKind k) {
    return k == DwellingKind::House ? "Maison" : "Appartement";
}
std::string_view offerStatusCode(OfferStatus s) {
    return s == OfferStatus::Closed ? "closed" : "open";
}

std::optional<Funding> parseFunding(std::string_view s) {
    for (Funding f : {Funding::PLAI, Funding::PLUS, Funding::PLS, Funding::PLI})
        if (fundingName(f) == s) return f;
    return std::nullopt;
}
std::optional<Heating> parseHeating(std::string_view s) {
    for (Heating h :
         {Heating::IndividualGas, Heating::Collective, Heating::Electric, Heating::HeatPump, Heating::DistrictHeating})
        if (heatingCode(h) == s) return h;
    return std::nullopt;
}
std::optional<DwellingKind> parseDwellingKind(std::string_view s) {
    if (s == "appartement") return DwellingKind::Apartment;
    if (s == "maison") return DwellingKind::House;
    return std::nullopt;
}
std::optional<OfferStatus> parseOfferStatus(std::string_view s) {
    if (s == "open") return OfferStatus::Open;
    if (s == "closed") return OfferStatus::Closed;
    return std::nullopt;
}

// ====================================================================== JSON
namespace {

[[noreturn]] void typeError(const std::string& where, const char* expected, const Json& v) {
    throw OfferParseError(where + ": expected " + expected + ", got " + v.type_name());
}
const Json* field(const Json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
}
void getString(const Json& obj, const char* key, std::string& out, const std::string& where) {
    if (const Json* v = field(obj, key)) {
        if (!v->is_string()) typeError(where + "." + key, "a string", *v);
        out = v->get<std::string>();
    }
}
void getDate(const Json& obj, const char* key, std::string& out, const std::string& where) {
    getString(obj, key, out, where);
    if (!out.empty()) {
        try {
            seedDays(out);
        } catch (const std::invalid_argument&) {
            throw OfferParseError(where + "." + key + ": expected a date YYYY-MM-DD, got \"" + out + "\"");
        }
    }
}
template <class T>
void getInt(const Json& obj, const char* key, T& out, const std::string& where, std::int64_t lo, std::int64_t hi) {
    if (const Json* v = field(obj, key)) {
        if (!v->is_number_integer()) typeError(where + "." + key, "a whole number", *v);
        std::int64_t x = v->get<std::int64_t>();
        if (x < lo || x > hi)
            throw OfferParseError(where + "." + key + ": " + std::to_string(x) + " is out of range " +
                                  std::to_string(lo) + ".." + std::to_string(hi));
        out = static_cast<T>(x);
    }
}
void getBool(const Json& obj, const char* key, bool& out, const std::string& where) {
    if (const Json* v = field(obj, key)) {
        if (!v->is_boolean()) typeError(where + "." + key, "true or false", *v);
        out = v->get<bool>();
    }
}
template <class E, class Parse>
void getEnum(const Json& obj, const char* key, E& out, const std::string& where, Parse parse, const char* allowed) {
    if (const Json* v = field(obj, key)) {
        if (!v->is_string()) typeError(where + "." + key, "a string", *v);
        auto e = parse(v->get<std::string>());
        if (!e)
            throw OfferParseError(where + "." + key + ": expected one of " + allowed + ", got \"" +
                                  v->get<std::string>() + "\"");
        out = *e;
    }
}

}  // namespace

Json Offer::toJson() const {
    return Json{{"id", id},
                {"landlord", landlord},
                {"address", {{"street", address.street}, {"postcode", address.postcode}, {"commune", address.commune}}},
                {"insee", insee},
                {"dept", dept},
                {"kind", dwellingKindCode(kind)},
                {"typology", "T" + std::to_string(typology)},
                {"surface", surface},
                {"floor", floor},
                {"lift", lift},
                {"heating", heatingCode(heating)},
                {"energyLabel", std::string(1, energyLabel)},
                {"funding", fundingName(funding)},
                {"rentCents", rentCents},
                {"chargesCents", chargesCents},
                {"reducedMobility", reducedMobility},
                {"publishedOn", publishedOn},
                {"deadline", deadline},
                {"availableOn", availableOn},
                {"applications", applications},
                {"status", offerStatusCode(status)}};
}

Offer Offer::fromJson(const Json& j, const std::string& where) {
    if (!j.is_object()) typeError(where, "an object", j);
    Offer o;
    getInt(j, "id", o.id, where, 0, INT64_MAX);
    getString(j, "landlord", o.landlord, where);
    if (const Json* a = field(j, "address")) {
        if (!a->is_object()) typeError(where + ".address", "an object", *a);
        getString(*a, "street", o.address.street, where + ".address");
        getString(*a, "postcode", o.address.postcode, where + ".address");
        getString(*a, "commune", o.address.commune, where + ".address");
    }
    getString(j, "insee", o.insee, where);
    getString(j, "dept", o.dept, where);
    getEnum(j, "kind", o.kind, where, parseDwellingKind, "\"appartement\", \"maison\"");
    if (const Json* t = field(j, "typology")) {
        int v = 0;
        if (t->is_number_integer())
            v = t->get<int>();
        else if (t->is_string()) {
            std::string s = t->get<std::string>();
            if (s.size() == 2 && (s[0] == 'T' || s[0] == 't') && s[1] >= '1' && s[1] <= '6') v = s[1] - '0';
        }
        if (v < 1 || v > 6) throw OfferParseError(where + ".typology: expected \"T1\"..\"T6\" or 1..6");
        o.typology = v;
    }
    getInt(j, "surface", o.surface, where, 0, 10000);
    getInt(j, "floor", o.floor, where, -5, 200);
    getBool(j, "lift", o.lift, where);
    getEnum(j, "heating", o.heating, where, parseHeating,
            "\"individuel_gaz\", \"collectif\", \"electrique\", \"pompe_a_chaleur\", \"reseau_de_chaleur\"");
    if (const Json* e = field(j, "energyLabel")) {
        if (!e->is_string()) typeError(where + ".energyLabel", "a string", *e);
        std::string s = e->get<std::string>();
        if (s.size() != 1 || s[0] < 'A' || s[0] > 'G')
            throw OfferParseError(where + ".energyLabel: expected \"A\"..\"G\"");
        o.energyLabel = s[0];
    }
    getEnum(j, "funding", o.funding, where, parseFunding, "\"PLAI\", \"PLUS\", \"PLS\", \"PLI\"");
    getInt(j, "rentCents", o.rentCents, where, 0, 100000000);
    getInt(j, "chargesCents", o.chargesCents, where, 0, 100000000);
    getBool(j, "reducedMobility", o.reducedMobility, where);
    getDate(j, "publishedOn", o.publishedOn, where);
    getDate(j, "deadline", o.deadline, where);
    getDate(j, "availableOn", o.availableOn, where);
    getInt(j, "applications", o.applications, where, 0, 1000000);
    getEnum(j, "status", o.status, where, parseOfferStatus, "\"open\", \"closed\"");
    return o;
}

std::vector<Offer> parseOffers(std::string_view jsonText) {
    Json j = Json::parse(jsonText.begin(), jsonText.end(), nullptr, false);
    if (j.is_discarded()) throw OfferParseError("not valid JSON");
    const Json* list = &j;
    if (j.is_object()) {
        auto it = j.find("offers");
        if (it == j.end()) throw OfferParseError("offers: missing (expected an array or {\"offers\": [...]})");
        list = &*it;
    }
    if (!list->is_array()) typeError("offers", "an array", *list);
    std::vector<Offer> out;
    out.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i)
        out.push_back(Offer::fromJson((*list)[i], "offers[" + std::to_string(i) + "]"));
    return out;
}

Json offersToJson(const std::vector<Offer>& offers) {
    Json list = Json::array();
    for (const auto& o : offers) list.push_back(o.toJson());
    return Json{{"offers", std::move(list)}};
}

// ====================================================================== figures
CentsRange rentRangePerM2(domain::Zone zone, Funding funding) {
    static constexpr CentsRange kTable[3][4] = {
        {{550, 700}, {650, 900}, {1000, 1450}, {1500, 1900}},  // Paris + limitrophes
        {{500, 660}, {600, 800}, {900, 1200}, {1150, 1450}},   // reste Île-de-France
        {{420, 580}, {500, 700}, {700, 1000}, {850, 1150}},    // autres régions
    };
    return kTable[static_cast<int>(zone)][static_cast<int>(funding)];
}

CentsRange chargesRangePerM2(Heating heating) {
    switch (heating) {
        case Heating::Collective:
            return {250, 380};
        case Heating::DistrictHeating:
            return {230, 350};
        case Heating::IndividualGas:
            return {120, 200};
        case Heating::Electric:
            return {100, 180};
        default:
            return {110, 190};
    }
}

CentsRange surfaceRange(int typology) {
    static constexpr CentsRange kSurfaces[6] = {{18, 33}, {34, 52}, {53, 72}, {70, 88}, {85, 105}, {100, 130}};
    return kSurfaces[std::clamp(typology, 1, 6) - 1];
}

// ====================================================================== generator
namespace {

bool isIdf(std::string_view dept) {
    return domain::isIleDeFranceDepartment(dept);
}

// Local public landlords (OPH) where the real name is well known; elsewhere
// "<département> Habitat", the most common pattern.
struct LocalLandlord {
    std::string_view dept, name;
};
constexpr LocalLandlord kLocal[] = {
    {"06", "Côte d'Azur Habitat"},
    {"13", "13 Habitat"},
    {"29", "Finistère Habitat"},
    {"31", "Toulouse Métropole Habitat"},
    {"33", "Gironde Habitat"},
    {"34", "ACM Habitat"},
    {"35", "Archipel Habitat"},
    {"44", "Nantes Métropole Habitat"},
    {"59", "Lille Métropole Habitat"},
    {"67", "Ophéa"},
    {"69", "Lyon Métropole Habitat"},
    {"75", "Paris Habitat"},
    {"78", "Les Résidences Yvelines Essonne"},
    {"91", "Essonne Habitat"},
    {"92", "Hauts-de-Seine Habitat"},
    {"93", "Seine-Saint-Denis Habitat"},
    {"94", "Valophis Habitat"},
    {"95", "Val d'Oise Habitat"},
};

struct Weighted {
    std::string_view name;
    std::uint32_t weight;
};
// "" stands for the local OPH.
constexpr Weighted kIdfLandlords[] = {{"", 30},       {"Immobilière 3F", 16}, {"ICF Habitat", 7}, {"Logirep", 9},
                                      {"Seqens", 10}, {"CDC Habitat", 12},    {"Batigère", 5},    {"3F", 3}};
constexpr Weighted kNorthLandlords[] = {{"", 40}, {"Vilogia", 30}, {"CDC Habitat", 12}, {"ICF Habitat", 8}, {"3F", 10}};
constexpr Weighted kEastLandlords[] = {{"", 40}, {"Batigère", 30}, {"CDC Habitat", 14}, {"ICF Habitat", 8}, {"3F", 8}};
constexpr Weighted kOtherLandlords[] = {{"", 50},       {"CDC Habitat", 18}, {"3F", 12},   {"ICF Habitat", 8},
                                        {"Vilogia", 6}, {"Batigère", 3},     {"Seqens", 3}};

template <std::size_t N>
std::string_view pickWeighted(SeedRng& rng, const Weighted (&v)[N]) {
    std::uint32_t w[N];
    for (std::size_t i = 0; i < N; ++i) w[i] = v[i].weight;
    return v[rng.weighted(w)].name;
}

// Constraints of a guaranteed offer.
struct Fixed {
    int typology = 0;  // 0: free
    std::optional<Funding> funding;
    std::int64_t maxTotalCents = 0;  // 0: no limit
    bool open = false;
};

class OfferGenerator {
public:
    OfferGenerator(const Geography& geo, const OfferSeedOptions& o)
        : geo_(geo), opt_(o), rng_(o.seed), refDays_(seedDays(o.referenceDate)) {
        std::vector<std::uint64_t> w;
        w.reserve(geo.communes().size());
        for (const Commune& c : geo.communes()) w.push_back(c.population >= 2000 ? c.population : c.population / 4 + 1);
        communePicker_ = WeightedPicker(w);
    }

    const Commune& randomCommune() { return geo_.communes()[communePicker_.pick(rng_)]; }

    // A random offer in commune `c`. `fixed`: constraints of a guaranteed offer.
    Offer make(std::int64_t id, const Commune& c, const Fixed& fixed = Fixed());

private:
    const Geography& geo_;
    const OfferSeedOptions& opt_;
    SeedRng rng_;
    std::int64_t refDays_;
    WeightedPicker communePicker_;
};

Offer OfferGenerator::make(std::int64_t id, const Commune& c, const Fixed& fixed) {
    Offer o;
    o.id = id;
    o.insee = std::string(c.insee);
    o.dept = std::string(c.dept);
    const domain::Zone zone = domain::zoneOf(c.insee, c.dept);
    const Department* dep = geo_.department(c.dept);

    // House or apartment, by the size of the commune.
    int housePercent = c.population < 5000 ? 35 : c.population < 20000 ? 20 : c.population < 100000 ? 8 : 3;
    if (zone == domain::Zone::ParisLimitrophe) housePercent = 0;
    o.kind = rng_.percent(housePercent) ? DwellingKind::House : DwellingKind::Apartment;

    static constexpr std::uint32_t kAptTypo[] = {9, 26, 34, 22, 7, 2};
    static constexpr std::uint32_t kHouseTypo[] = {0, 5, 30, 40, 20, 5};
    o.typology = 1 + static_cast<int>(rng_.weighted(o.kind == DwellingKind::House ? kHouseTypo : kAptTypo));
    if (fixed.typology) o.typology = fixed.typology;
    if (o.kind == DwellingKind::House && o.typology == 1) o.kind = DwellingKind::Apartment;
    CentsRange sr = surfaceRange(o.typology);
    o.surface = static_cast<int>(rng_.range(sr.min, sr.max));

    // Floor and lift.
    if (o.kind == DwellingKind::Apartment) {
        int storeys = zone == domain::Zone::ParisLimitrophe ? static_cast<int>(rng_.range(4, 12))
                      : c.population >= 50000               ? static_cast<int>(rng_.range(3, 10))
                                                            : static_cast<int>(rng_.range(1, 5));
        o.floor = static_cast<int>(rng_.range(0, storeys));
        o.lift = storeys >= 5 || (storeys >= 3 && rng_.percent(50));
    }
    o.reducedMobility = (o.floor == 0 || o.lift) && rng_.percent(o.kind == DwellingKind::House ? 8 : 11);

    // Heating and energy label.
    if (o.kind == DwellingKind::House) {
        static constexpr std::uint32_t kW[] = {45, 0, 30, 25, 0};
        o.heating = static_cast<Heating>(rng_.weighted(kW));
    } else {
        static constexpr std::uint32_t kBig[] = {24, 32, 16, 6, 22};
        static constexpr std::uint32_t kSmall[] = {32, 32, 22, 8, 6};
        o.heating = static_cast<Heating>(rng_.weighted(c.population >= 50000 ? kBig : kSmall));
    }
    static constexpr std::uint32_t kLabels[] = {3, 9, 28, 32, 17, 7, 4};
    o.energyLabel = static_cast<char>('A' + rng_.weighted(kLabels));

    // Funding and landlord.
    static constexpr std::uint32_t kFunding[] = {22, 55, 14, 9};
    o.funding = static_cast<Funding>(rng_.weighted(kFunding));
    if (fixed.funding) o.funding = *fixed.funding;
    std::string_view landlord;
    if (isIdf(c.dept))
        landlord = o.funding == Funding::PLI && rng_.percent(60) ? "In'li" : pickWeighted(rng_, kIdfLandlords);
    else if (dep && dep->regionCode == "32")
        landlord = pickWeighted(rng_, kNorthLandlords);
    else if (dep && dep->regionCode == "44")
        landlord = pickWeighted(rng_, kEastLandlords);
    else
        landlord = pickWeighted(rng_, kOtherLandlords);
    if (landlord.empty()) {
        auto it = std::find_if(std::begin(kLocal), std::end(kLocal),
                               [&c](const LocalLandlord& l) { return l.dept == c.dept; });
        if (it != std::end(kLocal))
            o.landlord = std::string(it->name);
        else
            o.landlord = std::string(dep ? dep->name : c.dept) + " Habitat";
    } else {
        o.landlord = std::string(landlord);
    }
    if (o.landlord == "Paris Habitat" && c.dept != "75") o.landlord = "Immobilière 3F";

    // Rent and charges, in cents.
    CentsRange rr = rentRangePerM2(zone, o.funding);
    CentsRange cr = chargesRangePerM2(o.heating);
    std::int64_t rentRate = rng_.range(rr.min, rr.max);
    std::int64_t chargeRate = rng_.range(cr.min, cr.max);
    if (fixed.maxTotalCents > 0) {
        // Guaranteed offers stay affordable: cheapest rates, then the smallest surface.
        auto total = [&] { return o.surface * (rentRate + chargeRate); };
        if (total() > fixed.maxTotalCents) rentRate = rr.min, chargeRate = cr.min;
        if (total() > fixed.maxTotalCents) o.surface = static_cast<int>(sr.min);
    }
    o.rentCents = o.surface * rentRate;
    o.chargesCents = o.surface * chargeRate;

    // Address.
    o.address.street = std::to_string(rng_.range(1, 220));
    auto streets = seedStreetNames();
    o.address.street += " " + std::string(streets[rng_.below(streets.size())]);
    o.address.postcode = c.postcodeCount() ? std::string(c.postcode(rng_.below(c.postcodeCount()))) : std::string();
    o.address.commune = std::string(c.name);

    // Dates, status, applications.
    bool open = fixed.open || rng_.percent(opt_.openPercent);
    std::int64_t published = open ? refDays_ - rng_.range(0, 6) : refDays_ - rng_.range(8, 120);
    if (fixed.open) published = refDays_ - rng_.range(1, 4);
    o.publishedOn = seedIso(published);
    o.deadline = seedIso(published + 7);
    o.availableOn = seedIso(published + rng_.range(20, 90));
    o.status = published + 7 >= refDays_ ? OfferStatus::Open : OfferStatus::Closed;
    std::int64_t u = static_cast<std::int64_t>(rng_.below(1000));
    std::int64_t apps = 2 + u * u * 380 / 1000000;
    if (zone == domain::Zone::ParisLimitrophe)
        apps = apps * 3 / 2;
    else if (zone == domain::Zone::AutresRegions)
        apps = apps * 6 / 10;
    if (o.status == OfferStatus::Open) apps = apps * (refDays_ - published + 1) / 8;
    o.applications = static_cast<int>(std::max<std::int64_t>(1, apps));
    return o;
}

// Income ceilings used to pick an eligible funding for the guaranteed offers
// (2025 figures of docs/domain-rules.md, per zone, categories 1..6 + per extra person).
struct Ceil {
    std::int64_t cat[6];
    std::int64_t extra;
};
constexpr Ceil kPlus[3] = {{{26687, 39885, 52284, 62424, 74271, 83575}, 9313},
                           {{26687, 39885, 47944, 57429, 67984, 76504}, 8524},
                           {{23201, 30984, 37259, 44982, 52915, 59636}, 6652}};
std::int64_t plusCeiling(domain::Zone z, int category) {
    const Ceil& c = kPlus[static_cast<int>(z)];
    return category <= 6 ? c.cat[category - 1] : c.cat[5] + (category - 6) * c.extra;
}
// A prudent category: persons, + 1 with a disability (couples are never counted
// as "jeune ménage" here, which only lowers the ceiling we aim under).
int prudentCategory(const RegistryRequest& r) {
    int cat = r.householdSize();
    if (r.householdSize() >= 2 && !r.coApplicant && r.dependants() > 0) ++cat;
    return cat + (r.anyDisability() ? 1 : 0);
}

}  // namespace

std::vector<Offer> generateOffers(const Geography& geo, const OfferSeedOptions& options) {
    if (geo.empty()) throw std::invalid_argument("generateOffers: the geography is empty");
    OfferGenerator gen(geo, options);
    std::vector<Offer> out;
    out.reserve(options.count);
    std::int64_t id = 1;

    if (options.guaranteeGuideExamples) {
        for (const RegistryRequest& r : guideExampleRequests()) {
            OfferAreas areas = geo.offerAreas(r.requestedCommunes);
            const std::int64_t monthlyCents = r.householdTaxIncomeN2() * 100 / 12;
            auto fixedFor = [&](const Commune& c, std::size_t k) {
                Fixed f;
                f.open = true;
                f.typology = r.typologies.empty() ? 0 : r.typologies[k % r.typologies.size()];
                domain::Zone z = domain::zoneOf(c.insee, c.dept);
                // PLUS when under its ceiling (every third one PLS, for variety), else PLS.
                bool underPlus = r.householdTaxIncomeN2() <= plusCeiling(z, prudentCategory(r));
                f.funding = underPlus ? (k % 3 == 2 ? Funding::PLS : Funding::PLUS) : Funding::PLS;
                f.maxTotalCents = monthlyCents / 3;
                return f;
            };
            // 6 offers in each requested commune.
            // In Paris, every other one is let by Paris Habitat and published on the
            // reference day, so it comes first in the order "newest" (the API default) - set
            // after the draws, so the rest of the catalogue is unchanged. The demo
            // landlord account ("Paris Habitat") then has offers Anne PORTE can apply to.
            const std::int64_t referenceDay = seedDays(options.referenceDate);
            for (const Commune* c : areas.requested())
                for (std::size_t k = 0; k < 6 && out.size() < options.count; ++k) {
                    out.push_back(gen.make(id++, *c, fixedFor(*c, k)));
                    if (c->dept == "75" && k % 2 == 0) {
                        Offer& o = out.back();
                        o.landlord = "Paris Habitat";
                        o.publishedOn = seedIso(referenceDay);
                        o.deadline = seedIso(referenceDay + 7);
                        if (o.availableOn <= o.publishedOn) o.availableOn = seedIso(referenceDay + 20);
                    }
                }
            // 10 in the neighbouring communes and 10 in the rest of the departments,
            // spread over the most populated ones.
            for (const auto* list : {&areas.neighbours(), &areas.others()}) {
                if (list->empty()) continue;
                std::vector<const Commune*> byPop(list->begin(), list->end());
                std::stable_sort(byPop.begin(), byPop.end(),
                                 [](const Commune* a, const Commune* b) { return a->population > b->population; });
                for (std::size_t k = 0; k < 10 && out.size() < options.count; ++k) {
                    const Commune* c = byPop[k % std::min<std::size_t>(byPop.size(), 8)];
                    out.push_back(gen.make(id++, *c, fixedFor(*c, k)));
                }
            }
        }
    }
    while (out.size() < options.count) out.push_back(gen.make(id++, gen.randomCommune()));
    return out;
}

}  // namespace alin
