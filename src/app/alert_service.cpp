// "Mes alertes" (alert_service.h).
#include "app/alert_service.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "app/crypto.h"
#include "domain/dates.h"
#include "domain/eligibility.h"
#include "i18n/catalog.h"

namespace alin {
namespace {

constexpr int kDigestBatch = 5000;

std::string intText(int64_t v) {
    return std::to_string(v);
}

ServiceError alertUnknown() {
    return serviceError(404, "alert_unknown", tr("alerts.error.unknown"));
}

ServiceError applicantsOnly() {
    return serviceError(403, "forbidden", tr("alerts.error.applicants_only"));
}

// Paris local time of an instant: UTC+1, UTC+2 from the last Sunday of March
// 01:00 UTC to the last Sunday of October 01:00 UTC (EU summer time).
int64_t lastSundayAt1Utc(int year, int month) {
    const domain::CivilDate last{year, month, 31};
    const int64_t days = domain::daysFromCivil(last);
    const int64_t weekday = ((days + 4) % 7 + 7) % 7;  // 0 = Sunday (1970-01-01 was a Thursday)
    return (days - weekday) * 86400 + 3600;
}

int64_t parisSeconds(int64_t at) {
    const int64_t days = at >= 0 ? at / 86400 : (at - 86399) / 86400;
    const int year = domain::civilFromDays(static_cast<int32_t>(days)).year;
    const bool summer = at >= lastSundayAt1Utc(year, 3) && at < lastSundayAt1Utc(year, 10);
    return at + (summer ? 7200 : 3600);
}

std::string offerTitle(const Offer& o) {
    return trf("offers.card.title", {domain::typologyLabel(o.typology), offerPlaceText(o.address.commune, o.dept)});
}

std::string apiBase(const ServiceConfig& config) {
    std::string base = config.publicBaseUrl;
    const auto hash = base.find('#');
    if (hash != std::string::npos) base.resize(hash);
    if (base.empty() || base.back() != '/') base += '/';
    return base;
}

}  // namespace

// ====================================================================== filters

ParsedAlertFilters alertFiltersFromJson(const Json& body) {
    ParsedAlertFilters out;
    if (!body.is_object()) {
        out.errors.push_back({"", "invalid", tr("error.bad_request")});
        return out;
    }
    ParsedQuery parsed = queryFromJson(body);
    for (const QueryError& e : parsed.errors) out.errors.push_back({e.field, "invalid", e.message});
    SearchQuery q = parsed.query;
    std::uint8_t tabs = kAllAlertTabs;
    if (auto it = body.find("tabs"); it != body.end() && !it->is_null()) {
        tabs = 0;
        bool bad = !it->is_array();
        if (!bad)
            for (const Json& t : *it) {
                const std::string code = t.is_string() ? t.get<std::string>() : std::string();
                if (code == "requested")
                    tabs |= alertTabBit(SearchTab::Requested);
                else if (code == "neighbours")
                    tabs |= alertTabBit(SearchTab::Neighbours);
                else if (code == "others")
                    tabs |= alertTabBit(SearchTab::Department);
                else
                    bad = true;
            }
        if (bad || tabs == 0) out.errors.push_back({"tabs", "invalid", tr("alerts.error.tabs")});
    } else if (body.contains("tab") && !body["tab"].is_null()) {
        tabs = alertTabBit(q.tab);
    }
    out.filters.tabsMask = tabs == 0 ? kAllAlertTabs : tabs;
    out.filters.query.roomsMask = q.roomsMask;
    out.filters.query.house = q.house;
    out.filters.query.apartment = q.apartment;
    out.filters.query.pmr = q.pmr;
    out.filters.query.priceMinEuros = q.priceMinEuros;
    out.filters.query.priceMaxEuros = q.priceMaxEuros;

    Json tabList = Json::array(), rooms = Json::array();
    for (int t = 0; t < kSearchTabCount; ++t)
        if (out.filters.tabsMask & alertTabBit(static_cast<SearchTab>(t)))
            tabList.push_back(std::string(searchTabCode(static_cast<SearchTab>(t))));
    for (int r = 1; r <= domain::kMaxRooms; ++r)
        if (q.roomsMask >> r & 1u) rooms.push_back(r);
    out.stored = {{"tabs", tabList},
                  {"rooms", rooms},
                  {"house", q.house},
                  {"apartment", q.apartment},
                  {"pmr", q.pmr},
                  {"priceMin", q.priceMinEuros ? Json(*q.priceMinEuros) : Json(nullptr)},
                  {"priceMax", q.priceMaxEuros ? Json(*q.priceMaxEuros) : Json(nullptr)}};
    return out;
}

AlertFilters alertFiltersOf(const Json& stored) {
    return alertFiltersFromJson(stored.is_object() ? stored : Json::object()).filters;
}

std::string alertSummary(const AlertFilters& f) {
    std::vector<std::string> parts;
    if (f.tabsMask != kAllAlertTabs) {
        std::string tabs;
        for (int t = 0; t < kSearchTabCount; ++t)
            if (f.tabsMask & alertTabBit(static_cast<SearchTab>(t))) {
                if (!tabs.empty()) tabs += ", ";
                tabs += tr(searchTabLabelKey(static_cast<SearchTab>(t)));
            }
        parts.push_back(tabs);
    } else {
        parts.push_back(tr("alerts.summary.all_tabs"));
    }
    if (f.query.roomsMask != 0) {
        std::string rooms;
        for (int r = 1; r <= domain::kMaxRooms; ++r)
            if (f.query.roomsMask >> r & 1u) {
                if (!rooms.empty()) rooms += ", ";
                rooms += domain::typologyLabel(r);
            }
        parts.push_back(rooms);
    }
    if (f.query.house != f.query.apartment)
        parts.push_back(tr(f.query.house ? "alerts.summary.house" : "alerts.summary.apartment"));
    if (f.query.pmr) parts.push_back(tr("alerts.summary.pmr"));
    if (f.query.priceMinEuros && f.query.priceMaxEuros)
        parts.push_back(trf("alerts.summary.price_between", {centsCardText(*f.query.priceMinEuros * 100),
                                                             centsCardText(*f.query.priceMaxEuros * 100)}));
    else if (f.query.priceMaxEuros)
        parts.push_back(trf("alerts.summary.price_max", {centsCardText(*f.query.priceMaxEuros * 100)}));
    else if (f.query.priceMinEuros)
        parts.push_back(trf("alerts.summary.price_min", {centsCardText(*f.query.priceMinEuros * 100)}));
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty()) out += " \xC2\xB7 ";
        out += p;
    }
    return out;
}

// ====================================================================== service

namespace {

// ServiceConfig::signingKey, else ALIN_SIGNING_KEY, else a random key for the
// process (links then last as long as it runs).
std::string signingKeyOf(const ServiceConfig& config) {
    if (!config.signingKey.empty()) return config.signingKey;
    if (const char* env = std::getenv("ALIN_SIGNING_KEY"); env != nullptr && *env != '\0') return env;
    return randomHex(32);
}

}  // namespace

AlertService::AlertService(Storage& storage, Clock& clock, MailTransport& mail, const ServiceConfig& config,
                           OfferService& offers)
    : storage_(storage),
      clock_(clock),
      mail_(mail),
      config_(config),
      offers_(offers),
      key_(signingKeyOf(config)),
      index_(offers.data().geography) {}

std::string AlertService::unsubscribeToken(int64_t alertId, int64_t userId) const {
    return intText(alertId) + "." + keyedHashHex(key_, "alert-unsubscribe:" + intText(alertId) + ":" + intText(userId));
}

std::size_t AlertService::indexedAlerts() const {
    std::lock_guard lock(mutex_);
    return index_.size();
}

void AlertService::loadAll() {
    const int64_t since = clock_.now();
    for (const AlertRecord& a : storage_.listAlerts(0)) file(a);
    std::lock_guard lock(mutex_);
    followedSince_ = since - 1;  // re-reads the last second: filing twice is harmless
}

int AlertService::followStorage() {
    int64_t since;
    {
        std::lock_guard lock(mutex_);
        since = followedSince_;
    }
    const int64_t next = clock_.now() - 1;  // a write of this second may still commit: read it again next time
    const std::vector<AlertRecord> changed = storage_.listAlertsUpdatedSince(since);
    for (const AlertRecord& a : changed) file(a);
    std::lock_guard lock(mutex_);
    followedSince_ = std::max(followedSince_, next);
    return static_cast<int>(changed.size());
}

void AlertService::file(const AlertRecord& alert) {
    std::optional<ApplicantContext> ctx;
    if (!alert.paused) {
        auto c = offers_.applicantContext(alert.userId);
        if (c.ok()) ctx = std::move(*c.value);
    }
    std::lock_guard lock(mutex_);
    if (!ctx) {
        index_.remove(alert.id);
        owners_.erase(alert.id);
        return;
    }
    index_.put(alert.id, ctx->search->profile, ctx->request->requestedCommunes, alertFiltersOf(alert.filters));
    owners_[alert.id] = Owner{alert.userId};
}

Json AlertService::alertJson(const AlertRecord& a) const {
    const AlertFilters f = alertFiltersOf(a.filters);
    return {{"id", a.id},
            {"summary", alertSummary(f)},
            {"filters", a.filters},
            {"frequency", a.frequency},
            {"digestHour", a.digestHour},
            {"paused", a.paused},
            {"createdAt", a.createdAt},
            {"createdText", domain::toFrenchDate(domain::civilFromDays(searchDayFromUnix(a.createdAt)))}};
}

std::optional<AlertRecord> AlertService::ownAlert(const Me& me, int64_t alertId) {
    auto a = storage_.findAlert(alertId);
    if (!a || a->userId != me.id) return std::nullopt;
    return a;
}

Result<Json> AlertService::list(const Me& me) {
    if (me.role != domain::Role::Applicant) return Result<Json>::failure(applicantsOnly());
    Json items = Json::array();
    for (const AlertRecord& a : storage_.listAlerts(me.id)) {
        file(a);  // the profile of the file as it is now
        items.push_back(alertJson(a));
    }
    int unseen = 0;
    for (const AlertNotificationRecord& n : storage_.listAlertNotifications(me.id)) unseen += n.seen ? 0 : 1;
    return Result<Json>::success({{"alerts", items}, {"newOffers", unseen}});
}

Result<Json> AlertService::create(const Me& me, const Json& body) {
    if (me.role != domain::Role::Applicant) return Result<Json>::failure(applicantsOnly());
    auto ctx = offers_.applicantContext(me.id);
    if (!ctx.ok()) return Result<Json>::failure(*ctx.error);
    ParsedAlertFilters parsed =
        alertFiltersFromJson(body.is_object() && body.contains("filters") ? body["filters"] : body);
    AlertRecord a;
    a.userId = me.id;
    a.filters = parsed.stored;
    if (body.is_object()) {
        if (auto f = body.find("frequency"); f != body.end()) {
            const std::string v = f->is_string() ? f->get<std::string>() : std::string();
            if (v == "immediate" || v == "daily")
                a.frequency = v;
            else
                parsed.errors.push_back({"frequency", "invalid", tr("alerts.error.frequency")});
        }
        if (auto h = body.find("digestHour"); h != body.end()) {
            if (h->is_number_integer() && h->get<int64_t>() >= 0 && h->get<int64_t>() <= 23)
                a.digestHour = h->get<int>();
            else
                parsed.errors.push_back({"digestHour", "invalid", tr("alerts.error.digest_hour")});
        }
    }
    if (!parsed.errors.empty()) {
        ServiceError e = serviceError(422, "validation", parsed.errors.front().message, parsed.errors.front().field);
        e.errors = std::move(parsed.errors);
        return Result<Json>::failure(std::move(e));
    }
    if (static_cast<int>(storage_.listAlerts(me.id).size()) >= kMaxAlertsPerUser)
        return Result<Json>::failure(
            serviceError(409, "too_many_alerts", trf("alerts.error.too_many", {intText(kMaxAlertsPerUser)})));
    a.createdAt = a.updatedAt = clock_.now();
    a.id = storage_.insertAlert(a);
    file(a);
    return Result<Json>::success({{"alert", alertJson(a)}, {"message", tr("alerts.created")}});
}

Result<Json> AlertService::update(const Me& me, int64_t alertId, const Json& body) {
    auto a = ownAlert(me, alertId);
    if (!a) return Result<Json>::failure(alertUnknown());
    if (!body.is_object()) return Result<Json>::failure(serviceError(400, "bad_request", tr("error.bad_request")));
    std::vector<FieldError> errors;
    if (auto p = body.find("paused"); p != body.end()) {
        if (p->is_boolean())
            a->paused = p->get<bool>();
        else
            errors.push_back({"paused", "invalid", tr("error.bad_request")});
    }
    if (auto f = body.find("frequency"); f != body.end()) {
        const std::string v = f->is_string() ? f->get<std::string>() : std::string();
        if (v == "immediate" || v == "daily")
            a->frequency = v;
        else
            errors.push_back({"frequency", "invalid", tr("alerts.error.frequency")});
    }
    if (auto h = body.find("digestHour"); h != body.end()) {
        if (h->is_number_integer() && h->get<int64_t>() >= 0 && h->get<int64_t>() <= 23)
            a->digestHour = h->get<int>();
        else
            errors.push_back({"digestHour", "invalid", tr("alerts.error.digest_hour")});
    }
    if (!errors.empty()) {
        ServiceError e = serviceError(422, "validation", errors.front().message, errors.front().field);
        e.errors = std::move(errors);
        return Result<Json>::failure(std::move(e));
    }
    a->updatedAt = clock_.now();
    storage_.updateAlert(*a);
    file(*a);
    return Result<Json>::success(
        {{"alert", alertJson(*a)}, {"message", tr(a->paused ? "alerts.paused" : "alerts.saved")}});
}

Result<Json> AlertService::remove(const Me& me, int64_t alertId) {
    auto a = ownAlert(me, alertId);
    if (!a) return Result<Json>::failure(alertUnknown());
    storage_.deleteAlert(alertId);
    {
        std::lock_guard lock(mutex_);
        index_.remove(alertId);
        owners_.erase(alertId);
    }
    return Result<Json>::success({{"message", tr("alerts.deleted")}});
}

Result<Json> AlertService::news(const Me& me) {
    Json ids = Json::array();
    for (const AlertNotificationRecord& n : storage_.listAlertNotifications(me.id))
        if (!n.seen && std::find(ids.begin(), ids.end(), Json(n.offerId)) == ids.end()) ids.push_back(n.offerId);
    return Result<Json>::success({{"count", ids.size()}, {"offerIds", ids}});
}

Result<Json> AlertService::markSeen(const Me& me) {
    storage_.markAlertNotificationsSeen(me.id);
    return Result<Json>::success({{"count", 0}, {"offerIds", Json::array()}});
}

std::optional<AlertRecord> AlertService::alertOfToken(const std::string& token) {
    const auto dot = token.find('.');
    if (dot == std::string::npos || dot == 0 || dot > 18) return std::nullopt;
    int64_t id = 0;
    for (std::size_t i = 0; i < dot; ++i) {
        if (token[i] < '0' || token[i] > '9') return std::nullopt;
        id = id * 10 + (token[i] - '0');
    }
    auto a = storage_.findAlert(id);
    if (!a) return std::nullopt;
    const std::string expected = unsubscribeToken(a->id, a->userId);
    // Constant-time comparison of the signature.
    if (expected.size() != token.size()) return std::nullopt;
    unsigned diff = 0;
    for (std::size_t i = 0; i < token.size(); ++i) diff |= static_cast<unsigned>(token[i] ^ expected[i]);
    if (diff != 0) return std::nullopt;
    return a;
}

Result<Json> AlertService::unsubscribeInfo(const std::string& token) {
    auto a = alertOfToken(token);
    if (!a) return Result<Json>::failure(serviceError(404, "alert_unknown", tr("alerts.unsubscribe.unknown")));
    return Result<Json>::success({{"summary", alertSummary(alertFiltersOf(a->filters))}, {"paused", a->paused}});
}

Result<Json> AlertService::unsubscribe(const std::string& token) {
    auto a = alertOfToken(token);
    if (!a) return Result<Json>::failure(serviceError(404, "alert_unknown", tr("alerts.unsubscribe.unknown")));
    if (!a->paused) {
        a->paused = true;
        a->updatedAt = clock_.now();
        storage_.updateAlert(*a);
        file(*a);
    }
    return Result<Json>::success({{"summary", alertSummary(alertFiltersOf(a->filters))},
                                  {"paused", true},
                                  {"message", tr("alerts.unsubscribe.done")}});
}

// ====================================================================== notifications

void AlertService::mailOffer(const AlertRecord& alert, const UserRecord& user, const Offer& offer) {
    const i18n::LanguageScope language(accountLanguage(user));
    const std::string title = offerTitle(offer);
    const std::string offerUrl = config_.publicBaseUrl + "#/offre/" + intText(offer.id);
    const std::string token = unsubscribeToken(alert.id, alert.userId);
    const std::string pageUrl = config_.publicBaseUrl + "#/alertes/desabonnement/" + token;
    const std::string oneClick = apiBase(config_) + "api/v1/alerts/unsubscribe?token=" + token;
    const std::string deadline = domain::parseIsoDate(offer.deadline)
                                     ? domain::toFrenchDate(*domain::parseIsoDate(offer.deadline))
                                     : offer.deadline;
    MailRecord m;
    m.to = user.email;
    m.subject = trf("alerts.mail.subject", {title});
    m.body = withLanguageFooter(
        trf("alerts.mail.body", {title, trf("offers.card.total", {centsCardText(offer.totalCents())}), deadline,
                                 offerUrl, alertSummary(alertFiltersOf(alert.filters)), pageUrl}));
    m.links = Json::array({{{"label", tr("alerts.mail.open")}, {"url", offerUrl}},
                           {{"label", tr("alerts.mail.unsubscribe")}, {"url", pageUrl}, {"unsubscribe", oneClick}}});
    m.createdAt = clock_.now();
    m.dedupeKey = "alert:" + intText(alert.id) + ":" + intText(offer.id);
    mail_.send(m);
}

int AlertService::offerPublished(const Offer& offer) {
    std::vector<AlertMatch> matches;
    std::vector<std::pair<int64_t, Owner>> owners;
    {
        std::lock_guard lock(mutex_);
        index_.match(offer, offers_.today(), matches);
        owners.reserve(matches.size());
        for (const AlertMatch& m : matches)
            if (auto it = owners_.find(m.alertId); it != owners_.end()) owners.emplace_back(m.alertId, it->second);
    }
    int written = 0;
    const int64_t now = clock_.now();
    std::vector<int64_t> stale;
    for (const auto& [alertId, owner] : owners) {
        // As stored now: another server may have paused, switched or deleted it
        // (its notification would then break this offer's transaction).
        const auto alert = storage_.findAlert(alertId);
        if (!alert || alert->paused) {
            stale.push_back(alertId);
            continue;
        }
        const bool immediate = alert->frequency != "daily";
        AlertNotificationRecord n{alertId, offer.id, alert->userId, now, immediate ? now : 0, false};
        if (!storage_.insertAlertNotification(n)) continue;  // this alert and offer were notified already
        ++written;
        if (!immediate) continue;  // the daily digest takes it
        if (const auto user = storage_.findUserById(alert->userId)) mailOffer(*alert, *user, offer);
    }
    if (!stale.empty()) {
        std::lock_guard lock(mutex_);
        for (const int64_t id : stale) {
            index_.remove(id);
            owners_.erase(id);
        }
    }
    return written;
}

int AlertService::sendDigests() {
    const int64_t now = clock_.now();
    const int64_t local = parisSeconds(now);
    const int hour = static_cast<int>(((local % 86400) + 86400) % 86400 / 3600);
    const std::string day = domain::toIsoDate(domain::civilFromDays(searchDayFromUnix(local)));
    std::map<int64_t, std::vector<AlertNotificationRecord>> byUser;
    for (const AlertNotificationRecord& n : storage_.listUnmailedAlertNotifications(kDigestBatch))
        byUser[n.userId].push_back(n);
    int sent = 0;
    for (const auto& entry : byUser) {
        const int64_t userId = entry.first;
        const std::vector<AlertNotificationRecord>& list = entry.second;  // (a lambda below reads it)
        const auto user = storage_.findUserById(userId);
        if (!user) continue;
        std::optional<AlertRecord> first;
        int dueHour = 24;
        for (const AlertNotificationRecord& n : list)
            if (auto a = storage_.findAlert(n.alertId)) {
                dueHour = std::min(dueHour, a->digestHour);
                if (!first) first = a;
            }
        if (!first || hour < dueHour) continue;
        const i18n::LanguageScope language(accountLanguage(*user));
        std::string lines;
        Json links = Json::array();
        std::vector<int64_t> offerIds;
        for (const AlertNotificationRecord& n : list) {
            if (std::find(offerIds.begin(), offerIds.end(), n.offerId) != offerIds.end()) continue;
            offerIds.push_back(n.offerId);
            const auto s = offers_.summary(n.offerId);
            if (!s) continue;
            const std::string url = config_.publicBaseUrl + "#/offre/" + intText(n.offerId);
            lines += trf("alerts.digest.line", {s->title, s->totalText, url});
            links.push_back({{"label", s->title}, {"url", url}});
        }
        const std::string token = unsubscribeToken(first->id, first->userId);
        const std::string pageUrl = config_.publicBaseUrl + "#/alertes/desabonnement/" + token;
        links.push_back({{"label", tr("alerts.mail.unsubscribe")},
                         {"url", pageUrl},
                         {"unsubscribe", apiBase(config_) + "api/v1/alerts/unsubscribe?token=" + token}});
        MailRecord m;
        m.to = user->email;
        m.subject = trf("alerts.digest.subject", {intText(static_cast<int64_t>(offerIds.size()))});
        m.body = withLanguageFooter(trf("alerts.digest.body", {lines, pageUrl}));
        m.links = std::move(links);
        m.createdAt = now;
        m.dedupeKey = "digest:" + intText(userId) + ":" + day;
        bool queued = false;
        storage_.transaction([&] {
            // false: today's digest went already (its dedupe key): these wait for tomorrow's.
            queued = mail_.send(m);
            if (queued)
                for (const AlertNotificationRecord& n : list)
                    storage_.markAlertNotificationMailed(n.alertId, n.offerId, now);
        });
        if (queued) ++sent;
    }
    return sent;
}

}  // namespace alin
