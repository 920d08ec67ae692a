#include "client/api_client.h"

#include <utility>

#include "i18n/catalog.h"
#include "platform/platform.h"

namespace alin::client {

std::string ApiReply::errorCode() const {
    if (status == 0) return "unavailable";
    if (body.is_object() && body.contains("code") && body["code"].is_string()) return body["code"];
    return status >= 500 ? "unavailable" : "error";
}

std::string ApiReply::errorMessage() const {
    if (status != 0 && body.is_object() && body.contains("message") && body["message"].is_string())
        return body["message"];
    return tr("error.unavailable");
}

std::string ApiReply::errorField() const {
    if (body.is_object() && body.contains("field") && body["field"].is_string()) return body["field"];
    return {};
}

namespace {

class HttpApiClient final : public ApiClient {
public:
    explicit HttpApiClient(std::string base) : base_(std::move(base)) {}
    bool offline() const override { return false; }

    void send(const std::string& method, const std::string& path, const Json& body, ApiCallback callback) override {
        ++inFlight_;
        std::string payload = body.is_null() ? std::string() : body.dump();
        // The service words its messages in the language the page shows now.
        const std::string language = i18n::languageTag(i18n::language());
        platform::httpRequest(
            method, base_ + path, payload,
            [this, cb = std::move(callback)](int status, const std::string& text) mutable {
                ApiReply r;
                r.status = status;
                if (status != 0) {
                    r.body = Json::parse(text, nullptr, false);
                    // Garbage instead of JSON: treat as unavailable.
                    if (r.body.is_discarded() || !r.body.is_object()) {
                        r.status = 0;
                        r.body = nullptr;
                    }
                }
                ready_.emplace_back(std::move(cb), std::move(r));
            },
            language);
    }

    // Replies are handed over at the start of a frame, not from the fetch's own
    // callback: a reply of the wrong shape then stops a frame, which recovers
    // (app_frame.cpp), instead of the page.
    void poll() override {
        std::deque<std::pair<ApiCallback, ApiReply>> ready;
        ready.swap(ready_);
        while (!ready.empty()) {
            auto [cb, reply] = std::move(ready.front());
            ready.pop_front();
            --inFlight_;
            try {
                cb(reply);
            } catch (...) {
                // The others stay for the next frame; this one stopped the frame.
                for (auto rest = ready.rbegin(); rest != ready.rend(); ++rest) ready_.push_front(std::move(*rest));
                throw;
            }
        }
    }

private:
    std::string base_;
    std::deque<std::pair<ApiCallback, ApiReply>> ready_;
};

}  // namespace

std::unique_ptr<ApiClient> makeHttpApiClient(std::string baseUrl) {
    return std::make_unique<HttpApiClient>(std::move(baseUrl));
}

}  // namespace alin::client
