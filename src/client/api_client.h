// How the client reaches the service: over HTTP (server-stub) or in-process
// (the same ApiRouter compiled into the wasm, offline demo mode). Screens never
// call this directly: the app controller does, and replies land in state.
#pragma once
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "api/api_types.h"

namespace alin::client {

struct ApiReply {
    int status = 0;  // 0: the service could not be reached or answered garbage
    Json body;       // parsed JSON (object), or null
    bool ok() const { return status >= 200 && status < 300; }
    bool unavailable() const { return status == 0 || status >= 500; }
    std::string errorCode() const;
    std::string errorMessage() const;  // French message from the server, or a generic one
    std::string errorField() const;
};

using ApiCallback = std::function<void(const ApiReply&)>;

class ApiClient {
public:
    virtual ~ApiClient() = default;
    virtual void send(const std::string& method, const std::string& path, const Json& body, ApiCallback callback) = 0;
    // Delivers replies that are ready (called once per frame).
    virtual void poll() {}
    virtual bool offline() const = 0;
    // Drops every personal trace held by the client (kiosk end of session).
    virtual void wipe() {}
    size_t inFlight() const { return inFlight_; }

protected:
    size_t inFlight_ = 0;
};

// HTTP via the platform (emscripten fetch in the browser); the session is an
// HttpOnly cookie the client never sees.
std::unique_ptr<ApiClient> makeHttpApiClient(std::string baseUrl);
// In-process service with browser storage. persistKey empty = memory only (kiosk).
std::unique_ptr<ApiClient> makeLocalApiClient(std::string persistKey, std::string publicBaseUrl);

}  // namespace alin::client
