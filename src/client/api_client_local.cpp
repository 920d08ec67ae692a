// The offline demo mode: the whole service (same router, same rules) runs in
// the page over browser storage. Linked only into the demo build (alin-demo.wasm)
// and the native UI tests, so the regular client stays small.
#include <algorithm>
#include <deque>
#include <utility>

#include "api/api_router.h"
#include "app/account_service.h"
#include "app/application_service.h"
#include "app/config.h"
#include "app/offer_service.h"
#include "app/request_file_service.h"
#include "app/services.h"
#include "client/api_client.h"
#include "i18n/catalog.h"
#include "platform/platform.h"
#include "reference/service_data.h"
#include "storage/memory_storage.h"

namespace alin::client {

namespace {

// The whole service in the page: same router, same rules, browser storage.
class LocalApiClient final : public ApiClient {
public:
    LocalApiClient(std::string persistKey, std::string publicBaseUrl)
        : persistKey_(std::move(persistKey)),
          hasher_(2, 16u * 1024u * 1024u),  // lighter memory cost in the browser; still Argon2id
          mail_(storage_),
          config_(ServiceConfig::forEnvironment("demo")) {
        config_.publicBaseUrl = std::move(publicBaseUrl);
        // ?offers=N sizes the generated catalogue (benchmarks at national scale); the
        // demo's saved state is kept per size since applications name offer ids.
        if (auto n = platform::queryParam("offers");
            n && !n->empty() && n->size() <= 7 && n->find_first_not_of("0123456789") == std::string::npos) {
            config_.offerCount = std::min<int64_t>(std::stoll(*n), kMaxOfferCount);
            if (!persistKey_.empty()) persistKey_ += ":offers=" + std::to_string(config_.offerCount);
        }
        if (!persistKey_.empty()) {
            if (auto saved = platform::storageGet(persistKey_)) {
                Json j = Json::parse(*saved, nullptr, false);
                if (!j.is_discarded()) storage_.restore(j);
            }
        }
        services_ = AppServices::build(config_, storage_, mail_, clock_, hasher_);  // the composition root
        router_ = std::make_unique<ApiRouter>(services_->routes(), config_);
        fetchDemoData();
    }

    bool offline() const override { return true; }

    void send(const std::string& method, const std::string& path, const Json& body, ApiCallback callback) override {
        ++inFlight_;
        ApiRequest req;
        req.method = method;
        auto q = path.find('?');
        req.path = path.substr(0, q);
        if (q != std::string::npos) parseQuery(path.substr(q + 1), req.query);
        // Through the same parser as the server's request bodies (depth limit included).
        ParsedBody parsed = parseBody(body.is_null() ? std::string() : body.dump());
        if (parsed.error) {
            ApiReply r;
            r.status = parsed.error->status;
            r.body = std::move(parsed.error->body);
            refused_.push_back({std::move(r), std::move(callback)});
            return;
        }
        req.body = std::move(parsed.body);
        req.sessionToken = sessionToken_;
        req.clientAddress = "local";
        req.userAgent = "AL'in demo (offline, this browser)";
        // What a browser sends as Accept-Language: the language the page shows
        // when the request is made (the replies' messages are worded in it).
        req.acceptLanguage = i18n::languageTag(i18n::language());
        queue_.push_back({std::move(req), std::move(callback)});
    }

    // Requests are answered on the next frame, like real network replies.
    // Those that need the reference data wait until it has arrived.
    void poll() override {
        auto refused = std::move(refused_);
        refused_.clear();
        for (auto& [reply, cb] : refused) {
            --inFlight_;
            cb(reply);
        }
        auto pending = std::move(queue_);
        queue_.clear();
        for (auto& item : pending) {
            if (!dataSettled() && needsData(item.first.path)) {
                queue_.push_back(std::move(item));
                continue;
            }
            auto& [req, cb] = item;
            ApiResponse res = router_->handle(req);
            if (res.setSessionToken) sessionToken_ = *res.setSessionToken;
            if (res.clearSession) sessionToken_.clear();
            if (req.method != "GET") persist();
            --inFlight_;
            ApiReply r;
            r.status = res.status;
            r.body = res.body;
            cb(r);
        }
    }

    void wipe() override {
        sessionToken_.clear();
        storage_.restore(Json::object());
        if (!persistKey_.empty()) platform::storageRemove(persistKey_);
    }

private:
    // The reference data (geography, income ceilings, registration sites,
    // typologies) is fetched after start-up, so the login screen needs none of it.
    struct DemoData {
        std::string geo, ceilings, sites, typologies;
        int pending = 4;
    };

    static bool needsData(const std::string& path) {
        for (const char* prefix : {"/api/v1/request", "/api/v1/departments", "/api/v1/registry", "/api/v1/offers",
                                   "/api/v1/applications", "/api/v1/staff"})
            if (path.rfind(prefix, 0) == 0) return true;
        return false;
    }
    bool dataSettled() const { return dataReady_ || dataFailed_; }

    void fetchDemoData() {
        data_ = std::make_unique<DemoData>();
        const std::pair<const char*, std::string DemoData::*> files[] = {
            {"data/geo.bin", &DemoData::geo},
            {"data/income_ceilings.json", &DemoData::ceilings},
            {"data/registration_sites.json", &DemoData::sites},
            {"data/typologies.json", &DemoData::typologies},
        };
        for (const auto& [url, member] : files) {
            ++inFlight_;  // the frame loop keeps drawing until the data has arrived
            platform::httpRequest("GET", url, "", [this, member = member](int status, const std::string& body) {
                --inFlight_;
                if (status != 200)
                    dataFailed_ = true;
                else
                    (*data_).*member = body;
                if (--data_->pending == 0 && !dataFailed_) onDataArrived();
            });
        }
    }

    void onDataArrived() {
        try {
            services_->attachData(loadServiceData(data_->geo, data_->ceilings, data_->sites, data_->typologies),
                                  /*seedDemoAccounts=*/true);
            services_->plugInto(*router_);
            dataReady_ = true;
        } catch (const std::exception&) {
            dataFailed_ = true;  // the routes that need the data answer 503 "unavailable"
        }
        data_.reset();
    }

    static std::string decode(const std::string& s) {
        std::string out;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '%' && i + 2 < s.size()) {
                out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
                i += 2;
            } else if (s[i] == '+') {
                out.push_back(' ');
            } else {
                out.push_back(s[i]);
            }
        }
        return out;
    }
    static void parseQuery(const std::string& qs, std::map<std::string, std::string>& out) {
        size_t start = 0;
        while (start <= qs.size()) {
            size_t amp = qs.find('&', start);
            std::string part = qs.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
            auto eq = part.find('=');
            if (!part.empty())
                out[decode(part.substr(0, eq))] = eq == std::string::npos ? "" : decode(part.substr(eq + 1));
            if (amp == std::string::npos) break;
            start = amp + 1;
        }
    }
    void persist() {
        if (!persistKey_.empty()) platform::storageSet(persistKey_, storage_.snapshot().dump());
    }

    std::string persistKey_;
    MemoryStorage storage_;
    SystemClock clock_;
    SodiumPasswordHasher hasher_;
    OutboxTransport mail_;
    ServiceConfig config_;
    std::unique_ptr<AppServices> services_;
    std::unique_ptr<ApiRouter> router_;  // after services_: destroyed first
    std::unique_ptr<DemoData> data_;
    bool dataReady_ = false, dataFailed_ = false;
    std::string sessionToken_;
    std::deque<std::pair<ApiRequest, ApiCallback>> queue_;
    std::deque<std::pair<ApiReply, ApiCallback>> refused_;  // bodies parseBody refused
};

}  // namespace

std::unique_ptr<ApiClient> makeLocalApiClient(std::string persistKey, std::string publicBaseUrl) {
    return std::make_unique<LocalApiClient>(std::move(persistKey), std::move(publicBaseUrl));
}

}  // namespace alin::client
