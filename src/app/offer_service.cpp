#include "app/offer_service.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "app/request_resources.h"
#include "demo_data/offer_seed.h"
#include "domain/dates.h"
#include "domain/utf8.h"
#include "i18n/catalog.h"
#include "reference/eligibility_profile.h"

namespace alin {

// Lock order: indexMutex_ is a leaf. Nothing (storage, cache, mail) is called
// while it is held, and it is never taken inside a storage transaction by a
// writer, so readers holding it never wait on a thread that waits on it.

ServiceError serviceError(int status, const std::string& code, const std::string& message, const std::string& field) {
    ServiceError e;
    e.status = status;
    e.code = code;
    e.message = message;
    e.field = field;
    return e;
}

ServiceError forbiddenError() {
    return serviceError(403, "forbidden", tr("staff.error.forbidden"));
}

namespace {

constexpr std::size_t kContextCacheMax = 10000;
constexpr std::size_t kStreetMax = 120;
constexpr std::size_t kLandlordMax = 80;

std::string intText(int64_t v) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

std::string frenchDate(std::string_view iso) {
    const auto d = domain::parseIsoDate(iso);
    return d ? domain::toFrenchDate(*d) : std::string();
}

ServiceError validationError(std::vector<FieldError> errors) {
    ServiceError e = serviceError(422, "validation", tr("request.error.validation"));
    if (!errors.empty()) {
        e.field = errors.front().field;
        if (errors.size() == 1) e.message = errors.front().message;
    }
    e.errors = std::move(errors);
    return e;
}

std::string floorText(const Offer& o) {
    return offerFloorText(o);
}

// Reads the fields of POST /offers, collecting every error (one per field).
class OfferForm {
public:
    explicit OfferForm(const Json& body) : body_(body) {}

    const Json* get(const char* name) const {
        auto it = body_.find(name);
        return (it == body_.end() || it->is_null()) ? nullptr : &*it;
    }
    void fail(const char* field, const char* code, const std::string& message) {
        for (const FieldError& e : errors_)
            if (e.field == field) return;
        errors_.push_back({field, code, message});
    }
    std::string text(const char* name, std::size_t maxChars, const char* tooLongKey) {
        const Json* v = get(name);
        if (!v) return {};
        if (!v->is_string()) {
            fail(name, "invalid", tr("offers.add.error.type"));
            return {};
        }
        std::string s(domain::utf8::trim(v->get<std::string>()));
        if (domain::utf8::codePointCount(s) > maxChars) fail(name, "too_long", tr(tooLongKey));
        return s;
    }
    std::optional<int64_t> integer(const char* name, int64_t min, int64_t max, const char* key) {
        const Json* v = get(name);
        if (!v) return std::nullopt;
        if (!v->is_number_integer() || v->get<int64_t>() < min || v->get<int64_t>() > max) {
            fail(name, "invalid", tr(key));
            return std::nullopt;
        }
        return v->get<int64_t>();
    }
    bool flag(const char* name) {
        const Json* v = get(name);
        if (!v) return false;
        if (!v->is_boolean()) {
            fail(name, "invalid", tr("offers.add.error.flag"));
            return false;
        }
        return v->get<bool>();
    }
    std::vector<FieldError>& errors() { return errors_; }

private:
    const Json& body_;
    std::vector<FieldError> errors_;
};

}  // namespace

// ---------------------------------------------------------------- construction

OfferService::OfferService(Storage& storage, Clock& clock, const ServiceConfig& config, const ServiceData& data)
    : storage_(storage), clock_(clock), config_(config), data_(data) {
    rules_ = data_.rules;
    rules_.typology = data_.typologies;

    OfferSeedOptions options;
    options.count = static_cast<std::size_t>(std::clamp<int64_t>(config.offerCount, 0, kMaxOfferCount));
    options.referenceDate = domain::toIsoDate(domain::civilFromUnix(clock.now()));
    std::vector<Offer> offers = generateOffers(data_.geography, options);

    for (const AddedOfferRecord& added : storage_.listAddedOffers()) {
        lastAddedId_ = std::max(lastAddedId_, added.id);
        try {
            Offer o = Offer::fromJson(added.offer, "added_offers[" + intText(added.id) + "]");
            o.id = added.id;
            offers.push_back(std::move(o));
        } catch (const OfferParseError&) {
            // A row edited by hand into something unreadable: left out of the index.
        }
    }
    std::unordered_map<int64_t, std::size_t> position;
    position.reserve(offers.size());
    for (std::size_t i = 0; i < offers.size(); ++i) position.emplace(offers[i].id, i);
    for (const OfferStateRecord& state : storage_.listOfferStates()) {
        auto it = position.find(state.offerId);
        if (it == position.end()) continue;
        Offer& o = offers[it->second];
        catalogueApplications_.emplace(state.offerId, o.applications);
        statesSeenUntil_ = std::max(statesSeenUntil_, state.updatedAt);
        o.applications += std::max(0, state.applicationsAdded);
        if (auto status = parseOfferStatus(state.status)) o.status = *status;
    }
    index_ = OfferIndex(std::move(offers), data_.geography);
}

void OfferService::applyState(const OfferStateRecord& state) {
    const Offer* o = index_.find(state.offerId);
    if (o == nullptr) return;
    // The first state of an offer: the index holds the catalogue's count alone.
    const auto [base, inserted] = catalogueApplications_.try_emplace(state.offerId, o->applications);
    index_.setApplications(state.offerId, base->second + std::max(0, state.applicationsAdded));
    if (auto status = parseOfferStatus(state.status)) index_.setStatus(state.offerId, *status);
    statesSeenUntil_ = std::max(statesSeenUntil_, state.updatedAt);
}

OfferService::FollowResult OfferService::followStorage() {
    int64_t afterId = 0, since = 0;
    {
        std::shared_lock lock(indexMutex_);
        afterId = lastAddedId_;
        // A margin for the servers' clocks and for transactions that were open
        // while the last states were read: re-applying a state changes nothing.
        since = statesSeenUntil_ - 10;
    }
    std::vector<AddedOfferRecord> added = storage_.listAddedOffersAfter(afterId);
    std::vector<OfferStateRecord> states = storage_.listOfferStatesSince(since);
    FollowResult result;
    std::unique_lock lock(indexMutex_);
    for (const AddedOfferRecord& record : added) {
        lastAddedId_ = std::max(lastAddedId_, record.id);
        try {
            Offer o = Offer::fromJson(record.offer, "added_offers[" + intText(record.id) + "]");
            o.id = record.id;
            if (index_.add(std::move(o))) ++result.offersAdded;
        } catch (const OfferParseError&) {
            // Unreadable row: left out, as at start.
        }
    }
    for (const OfferStateRecord& state : states) {
        applyState(state);
        ++result.statesApplied;
    }
    return result;
}

std::int32_t OfferService::today() const {
    return searchDayFromUnix(clock_.now());
}

std::size_t OfferService::size() const {
    std::shared_lock lock(indexMutex_);
    return index_.size();
}

// ---------------------------------------------------------------- applicant context

Result<ApplicantContext> OfferService::applicantContext(int64_t userId) {
    auto file = storage_.findRequestFileOfUser(userId);
    if (!file)
        return Result<ApplicantContext>::failure(serviceError(404, "no_request", tr("request.error.no_request")));
    if (file->validatedAt <= 0)
        return Result<ApplicantContext>::failure(
            serviceError(409, "file_not_validated", tr("offers.error.file_not_validated")));
    ApplicantContext out;
    contextFor(*file, out);
    out.file = std::move(*file);
    return Result<ApplicantContext>::success(std::move(out));
}

void OfferService::contextFor(const RequestFileRecord& file, ApplicantContext& out) {
    const std::int32_t day = today();
    const DeclaredResources declared = declaredResources(file);
    {
        std::lock_guard lock(cacheMutex_);
        auto it = cache_.find(file.userId);
        if (it != cache_.end() && it->second.fileId == file.id && it->second.importedAt == file.importedAt &&
            it->second.refreshedAt == file.refreshedAt && it->second.resources == declared && it->second.day == day) {
            out.request = it->second.request;
            out.search = it->second.search;
            return;
        }
    }
    // Built outside the cache lock: two first requests may both build it, the last one stays.
    auto request = std::make_shared<const RegistryRequest>(RegistryRequest::fromJson(file.snapshot, "snapshot"));
    const domain::CivilDate civilToday = domain::civilFromDays(day);
    domain::EligibilityProfile profile =
        profileFor(*request, data_.ceilingsOn(civilToday), rules_, civilToday, declared);
    std::shared_ptr<const SearchContext> built;
    {
        std::shared_lock lock(indexMutex_);
        built = std::make_shared<const SearchContext>(
            index_.makeContext(std::move(profile), request->requestedCommunes, request->applicant.workplaceInsee));
    }
    out.request = request;
    out.search = built;
    std::lock_guard lock(cacheMutex_);
    if (cache_.size() >= kContextCacheMax) cache_.clear();
    cache_[file.userId] = CachedContext{file.id, file.importedAt, file.refreshedAt, declared, day, request, built};
}

// ---------------------------------------------------------------- search

Result<Json> OfferService::search(const Me& me, const std::map<std::string, std::string>& query) {
    auto applicant = applicantContext(me.id);
    if (!applicant.ok()) return Result<Json>::failure(*applicant.error);
    ParsedQuery parsed = queryFromJson(query);
    if (!parsed.ok()) {
        std::vector<FieldError> errors;
        for (const QueryError& q : parsed.errors) errors.push_back({q.field, "invalid", q.message});
        ServiceError e = validationError(std::move(errors));
        e.message = parsed.errors.front().message;  // the first bad parameter, in its own words
        return Result<Json>::failure(std::move(e));
    }
    const std::int32_t day = today();
    std::shared_lock lock(indexMutex_);
    const SearchResult result = index_.search(*applicant.value->search, parsed.query, day);
    return Result<Json>::success(resultToJson(index_, parsed.query, result));
}

// ---------------------------------------------------------------- detail

Json OfferService::offerJson(std::uint32_t i, std::int32_t effortBasisPoints) const {
    const Offer& o = index_.offer(i);
    Json j = offerCardJson(index_, SearchItem{i, o.id, effortBasisPoints});
    const std::string typology = j.value("typology", std::string());
    const std::string commune = j.value("commune", std::string());
    j["street"] = o.address.street;
    j["postcode"] = o.address.postcode;
    j["address"] = trf("offers.detail.address", {o.address.street, o.address.postcode, commune});
    j["floor"] = o.floor;
    j["lift"] = o.lift;
    j["floorText"] = floorText(o);
    j["surfaceText"] = trf("offers.detail.surface", {intText(o.surface)});
    j["heating"] = std::string(heatingLabel(o.heating));
    j["heatingCode"] = std::string(heatingCode(o.heating));
    j["energyLabel"] = std::string(1, o.energyLabel);
    j["publishedText"] = frenchDate(o.publishedOn);
    j["status"] = std::string(offerStatusCode(o.status));
    j["description"] =
        trf("offers.detail.description",
            {dwellingKindLabel(o.kind), typology, intText(o.surface), commune, j.value("department", std::string()),
             floorText(o), heatingLabel(o.heating), std::string(1, o.energyLabel), fundingName(o.funding), o.landlord});
    return j;
}

Result<Json> OfferService::detail(const Me& me, int64_t offerId) {
    const bool applicant = domain::may(me.role, domain::Capability::UseRequestFile);
    std::shared_ptr<const SearchContext> ctx;
    std::optional<ApplicationRecord> active;
    if (applicant) {
        auto context = applicantContext(me.id);
        if (!context.ok()) return Result<Json>::failure(*context.error);
        ctx = context.value->search;
        active = storage_.findActiveApplicationOfUser(me.id);  // before the index lock (a leaf)
    }
    const std::int32_t day = today();

    std::shared_lock lock(indexMutex_);
    const std::optional<std::uint32_t> found = index_.indexOf(offerId);
    if (!found) return Result<Json>::failure(serviceError(404, "offer_unknown", tr("offers.why.unknown")));
    const std::uint32_t i = *found;
    const Offer& o = index_.offer(i);
    const domain::OfferFacts facts = index_.facts(i);

    Json offer = offerJson(i, ctx ? domain::effortBasisPoints(ctx->profile, facts) : -1);
    if (ctx) {
        const auto [meters, same] = index_.distanceFromWork(*ctx, i);
        offer["distanceMeters"] = meters;
        offer["distanceText"] = distanceCardText(meters, same);
    }
    bool eligible = false;
    std::string reason;
    if (ctx) {
        const OfferExplanation e = index_.explain(*ctx, offerId, day);
        eligible = e.tab.has_value() && e.verdict.eligible();
        if (!e.tab)
            reason = e.message;  // not in the applicant's areas
        else if (!e.verdict.eligible())
            reason = domain::explainVerdict(ctx->profile, facts, e.verdict);
        offer["tab"] = e.tab ? Json(searchTabCode(*e.tab)) : Json(nullptr);
        // The card's figure first ("Taux d'effort : 24,5 %"), then what it means.
        offer["effortSentence"] = trf("offers.detail.effort", {offer.value("effortText", std::string()),
                                                               domain::explainEffort(ctx->profile, facts)});
    } else {
        offer["tab"] = nullptr;
        offer["effortSentence"] = "";
    }
    offer["eligible"] = eligible;
    offer["reason"] = reason.empty() ? Json(nullptr) : Json(reason);

    const std::optional<std::int32_t> deadline = searchDayFromIso(o.deadline);
    std::string cannot;
    if (!applicant)
        cannot = tr("offers.detail.staff");
    else if (o.status != OfferStatus::Open)
        cannot = tr("offers.why.closed");
    else if (deadline && *deadline < day)
        cannot = trf("offers.why.deadline_past", {frenchDate(o.deadline)});
    else if (!eligible)
        cannot = reason;

    // canApply is about the offer and the household only. An active application
    // (on this offer or another) is named here, and POST /applications answers
    // 409 already_active with it.
    Json activeJson = nullptr;
    if (active) {
        std::string title;
        if (const auto a = index_.indexOf(active->offerId))
            title = offerCardJson(index_, SearchItem{*a, active->offerId, -1}).value("title", std::string());
        activeJson = {{"id", active->id}, {"offerId", active->offerId}, {"offerTitle", title}};
    }
    return Result<Json>::success({{"offer", std::move(offer)},
                                  {"canApply", cannot.empty()},
                                  {"cannotApplyReason", cannot.empty() ? Json(nullptr) : Json(cannot)},
                                  {"activeApplication", std::move(activeJson)}});
}

// ---------------------------------------------------------------- for the application service

std::optional<OfferSummary> OfferService::summary(int64_t offerId) const {
    std::shared_lock lock(indexMutex_);
    const std::optional<std::uint32_t> i = index_.indexOf(offerId);
    if (!i) return std::nullopt;
    const Json card = offerCardJson(index_, SearchItem{*i, offerId, -1});
    OfferSummary s;
    s.offer = index_.offer(*i);
    s.title = card.value("title", std::string());
    s.addressText = trf("offers.detail.address",
                        {s.offer.address.street, s.offer.address.postcode, card.value("commune", std::string())});
    s.totalText = card.value("totalText", std::string());
    s.deadlineText = card.value("deadlineText", std::string());
    return s;
}

std::optional<ServiceError> OfferService::applyRefusal(const SearchContext& ctx, int64_t offerId) const {
    const std::int32_t day = today();
    std::shared_lock lock(indexMutex_);
    const std::optional<std::uint32_t> found = index_.indexOf(offerId);
    if (!found) return serviceError(404, "offer_unknown", tr("offers.why.unknown"), "offerId");
    const Offer& o = index_.offer(*found);
    if (o.status != OfferStatus::Open) return serviceError(410, "offer_closed", tr("offers.why.closed"));
    const std::optional<std::int32_t> deadline = searchDayFromIso(o.deadline);
    if (deadline && *deadline < day)
        return serviceError(410, "deadline_past", trf("offers.why.deadline_past", {frenchDate(o.deadline)}));
    const OfferExplanation e = index_.explain(ctx, offerId, day);
    if (!e.tab) return serviceError(403, "not_eligible", e.message);
    if (!e.verdict.eligible())
        return serviceError(403, "not_eligible", domain::explainVerdict(ctx.profile, index_.facts(*found), e.verdict));
    return std::nullopt;
}

void OfferService::storeApplicationAdded(int64_t offerId) {
    OfferStateRecord state = storage_.findOfferState(offerId).value_or(OfferStateRecord{offerId, 0, "", 0});
    ++state.applicationsAdded;
    state.updatedAt = clock_.now();
    storage_.upsertOfferState(state);
}

void OfferService::storeOfferClosed(int64_t offerId) {
    OfferStateRecord state = storage_.findOfferState(offerId).value_or(OfferStateRecord{offerId, 0, "", 0});
    state.status = std::string(offerStatusCode(OfferStatus::Closed));
    state.updatedAt = clock_.now();
    storage_.upsertOfferState(state);
}

void OfferService::applicationAdded(int64_t offerId) {
    // The stored count, applied as an absolute value (followStorage may have
    // read this change already).
    const std::optional<OfferStateRecord> state = storage_.findOfferState(offerId);
    std::unique_lock lock(indexMutex_);
    if (state) applyState(*state);
}

void OfferService::offerClosed(int64_t offerId) {
    std::unique_lock lock(indexMutex_);
    index_.setStatus(offerId, OfferStatus::Closed);
}

// ---------------------------------------------------------------- add (landlords, advisors)

Result<Json> OfferService::add(const Me& me, const Json& body) {
    if (!domain::may(me.role, domain::Capability::AddOffers)) return Result<Json>::failure(forbiddenError());
    if (!body.is_object()) return Result<Json>::failure(serviceError(400, "bad_request", tr("error.bad_request")));
    OfferForm form(body);
    Offer o;

    // Landlord: its own organisation only.
    const std::string landlord = form.text("landlord", kLandlordMax, "offers.add.error.landlord_too_long");
    if (me.role == domain::Role::Landlord) {
        if (!landlord.empty() && landlord != me.organisation)
            return Result<Json>::failure(
                serviceError(403, "forbidden", trf("offers.add.error.other_landlord", {me.organisation})));
        o.landlord = me.organisation;
    } else {
        if (landlord.empty()) form.fail("landlord", "required", tr("offers.add.error.landlord"));
        o.landlord = landlord;
    }

    // Where.
    const std::string insee = form.text("insee", 5, "offers.add.error.insee");
    const Commune* commune = insee.empty() ? nullptr : data_.geography.commune(insee);
    if (!commune) form.fail("insee", insee.empty() ? "required" : "invalid", tr("offers.add.error.insee"));
    o.address.street = form.text("street", kStreetMax, "offers.add.error.street_too_long");
    if (o.address.street.empty()) form.fail("street", "required", tr("offers.add.error.street"));
    o.address.postcode = form.text("postcode", 5, "offers.add.error.postcode");
    if (!o.address.postcode.empty() &&
        (o.address.postcode.size() != 5 || !std::all_of(o.address.postcode.begin(), o.address.postcode.end(),
                                                        [](char c) { return c >= '0' && c <= '9'; })))
        form.fail("postcode", "invalid", tr("offers.add.error.postcode"));
    if (commune) {
        o.insee = std::string(commune->insee);
        o.dept = std::string(commune->dept);
        o.address.commune = std::string(commune->name);
        if (o.address.postcode.empty() && commune->postcodeCount() > 0)
            o.address.postcode = std::string(commune->postcode(0));
    }

    // What.
    if (const Json* kind = form.get("kind")) {
        auto k = kind->is_string() ? parseDwellingKind(kind->get<std::string>()) : std::nullopt;
        if (k)
            o.kind = *k;
        else
            form.fail("kind", "invalid", tr("offers.add.error.kind"));
    }
    if (const Json* t = form.get("typology")) {
        std::optional<int> rooms;
        if (t->is_number_integer() && t->get<int64_t>() >= 1 && t->get<int64_t>() <= 6)
            rooms = t->get<int>();
        else if (t->is_string())
            rooms = domain::parseTypology(t->get<std::string>());
        if (rooms)
            o.typology = *rooms;
        else
            form.fail("typology", "invalid", tr("offers.add.error.typology"));
    } else {
        form.fail("typology", "required", tr("offers.add.error.typology"));
    }
    if (auto surface = form.integer("surface", 9, 400, "offers.add.error.surface"))
        o.surface = static_cast<int>(*surface);
    else if (!form.get("surface"))
        form.fail("surface", "required", tr("offers.add.error.surface"));
    if (auto floor = form.integer("floor", 0, 60, "offers.add.error.floor")) o.floor = static_cast<int>(*floor);
    if (o.kind == DwellingKind::House) o.floor = 0;
    o.lift = form.flag("lift");
    if (const Json* h = form.get("heating")) {
        auto heating = h->is_string() ? parseHeating(h->get<std::string>()) : std::nullopt;
        if (heating)
            o.heating = *heating;
        else
            form.fail("heating", "invalid", tr("offers.add.error.heating"));
    }
    if (const Json* e = form.get("energyLabel")) {
        const std::string label = e->is_string() ? e->get<std::string>() : std::string();
        if (label.size() == 1 && label[0] >= 'A' && label[0] <= 'G')
            o.energyLabel = label[0];
        else
            form.fail("energyLabel", "invalid", tr("offers.add.error.energy"));
    }
    o.reducedMobility = form.flag("pmr") || form.flag("reducedMobility");

    // Rent.
    if (const Json* f = form.get("funding")) {
        auto funding = f->is_string() ? parseFunding(f->get<std::string>()) : std::nullopt;
        if (funding)
            o.funding = *funding;
        else
            form.fail("funding", "invalid", tr("offers.add.error.funding"));
    } else {
        form.fail("funding", "required", tr("offers.add.error.funding"));
    }
    if (auto rent = form.integer("rentCents", 1, 1'000'000, "offers.add.error.rent"))
        o.rentCents = *rent;
    else if (!form.get("rentCents"))
        form.fail("rentCents", "required", tr("offers.add.error.rent"));
    if (auto charges = form.integer("chargesCents", 0, 500'000, "offers.add.error.charges")) o.chargesCents = *charges;

    // Dates: published today, open for applications until the deadline.
    const std::int32_t day = today();
    auto dateField = [&](const char* name, std::int32_t fallback, std::int32_t min, const char* key) {
        const Json* v = form.get(name);
        if (!v) return fallback;
        const std::optional<std::int32_t> d = v->is_string() ? searchDayFromIso(v->get<std::string>()) : std::nullopt;
        if (!d || *d < min) {
            form.fail(name, "invalid", tr(key));
            return fallback;
        }
        return *d;
    };
    const std::int32_t deadline = dateField("deadline", day + 7, day, "offers.add.error.deadline");
    const std::int32_t available = dateField("availableOn", day + 30, day, "offers.add.error.available");
    o.publishedOn = domain::toIsoDate(domain::civilFromDays(day));
    o.deadline = domain::toIsoDate(domain::civilFromDays(deadline));
    o.availableOn = domain::toIsoDate(domain::civilFromDays(available));
    o.applications = 0;
    o.status = OfferStatus::Open;

    if (!form.errors().empty()) return Result<Json>::failure(validationError(std::move(form.errors())));

    AddedOfferRecord record;
    record.offer = o.toJson();
    record.createdBy = me.id;
    record.createdAt = clock_.now();
    storage_.transaction([&] {
        o.id = storage_.insertAddedOffer(record);
        if (publishedHook_) publishedHook_(o);
    });

    std::unique_lock lock(indexMutex_);
    index_.add(o);
    const std::optional<std::uint32_t> i = index_.indexOf(o.id);
    return Result<Json>::success(
        {{"offer", i ? offerJson(*i, -1) : Json(nullptr)}, {"message", trf("offers.add.done", {intText(o.id)})}});
}

}  // namespace alin
