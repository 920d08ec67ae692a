// libFuzzer target: JSON requests through the API router (src/api/api_router.h)
// over the in-memory storage, with every service wired as in the server and the
// development routes on. Input: one byte choosing the session (none, applicant,
// advisor, landlord, employer), then "METHOD /path?query", a newline, and the
// body (parsed as the server parses it). Invariant: every answer is a status
// 100..599 and every error has the {code, message} shape.
//
// Bodies go through parseBody (api/api_types.h), the server's depth-limited
// parser, so deeply nested bodies are refused before the router, as in the server.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "api/api_router.h"
#include "app/account_service.h"
#include "app/application_service.h"
#include "app/clock.h"
#include "app/crypto.h"
#include "app/mail.h"
#include "app/offer_service.h"
#include "app/request_file_service.h"
#include "reference/service_data.h"
#include "storage/memory_storage.h"

#ifndef ALIN_SOURCE_DIR
#define ALIN_SOURCE_DIR "."
#endif

using namespace alin;

namespace {

std::string readText(const std::string& rel) {
    std::ifstream in(std::string(ALIN_SOURCE_DIR) + "/" + rel, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "fuzz_router: missing %s/%s (run scripts/setup.sh)\n", ALIN_SOURCE_DIR, rel.c_str());
        std::exit(1);
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct World {
    ServiceConfig config;
    MemoryStorage storage;
    ManualClock clock{1'764'000'000};
    OutboxTransport mail{storage};
    SodiumPasswordHasher hasher{1, 8 * 1024};
    std::unique_ptr<AccountService> accounts;
    std::unique_ptr<OfferService> offers;
    std::unique_ptr<RequestFileService> requests;
    std::unique_ptr<ApplicationService> applications;
    std::unique_ptr<ApiRouter> router;
    std::string sessions[5];  // "", applicant, advisor, landlord, employer

    World() {
        cryptoInit();
        config.environment = "test";
        config.devMailbox = true;
        config.registryAdmin = true;
        config.offerCount = 300;
        ServiceData data =
            loadServiceData(readText("build-assets/geo/geo.bin"), readText("assets/data/income_ceilings.json"),
                            readText("assets/data/registration_sites.json"), readText("assets/data/typologies.json"));
        accounts = std::make_unique<AccountService>(storage, clock, mail, hasher, config);
        seedRegistryIfEmpty(storage, data.geography, clock.now());
        offers = std::make_unique<OfferService>(storage, clock, config, data);
        requests = std::make_unique<RequestFileService>(storage, clock, mail, config, std::move(data));
        applications = std::make_unique<ApplicationService>(storage, clock, mail, config, *offers);
        accounts->seedDemoAccounts();
        router =
            std::make_unique<ApiRouter>(Services{*accounts, requests.get(), offers.get(), applications.get()}, config);
        for (int i = 1; i < 5; ++i) logIn(i);
    }

    void logIn(int who) {
        static const char* const kLogins[5][2] = {{"", ""},
                                                  {"anne.porte@example.fr", "Logement2026"},
                                                  {"conseiller@actionlogement.example", "Conseiller2026"},
                                                  {"bailleur@parishabitat.example", "Bailleur2026"},
                                                  {"employeur@entreprise.example", "Employeur2026"}};
        auto session = accounts->login(kLogins[who][0], kLogins[who][1], "192.0.2.1");
        sessions[who] = session.ok() ? session.value->token : std::string();
    }
};

World& world() {
    static World w;
    return w;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    world();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    World& w = world();
    const int who = data[0] % 5;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    const size_t lineEnd = text.find('\n');
    const std::string line = text.substr(0, lineEnd);
    const std::string body = lineEnd == std::string::npos ? std::string() : text.substr(lineEnd + 1);
    const size_t space = line.find(' ');
    if (space == std::string::npos) return 0;

    ApiRequest request;
    request.method = line.substr(0, space);
    const std::string target = line.substr(space + 1);
    const size_t question = target.find('?');
    request.path = httplib::detail::decode_url(target.substr(0, question), false);
    if (question != std::string::npos) {
        httplib::Params params;
        httplib::detail::parse_query_text(target.substr(question + 1), params);
        for (const auto& [key, value] : params) request.query.emplace(key, value);
    }
    if (!body.empty()) {
        // The server's own body parser (depth-limited): what it refuses never reaches the router.
        ParsedBody parsed = parseBody(body);
        if (parsed.error) return 0;
        request.body = std::move(parsed.body);
    }
    request.sessionToken = w.sessions[who];
    request.clientAddress = "192.0.2." + std::to_string(data[0]);

    ApiResponse response;
    try {
        response = w.router->handle(request);
    } catch (const std::exception&) {
        // The server turns an exception into a JSON 500; the router should not throw,
        // but that is not a crash.
        return 0;
    }
    if (response.status < 100 || response.status > 599) __builtin_trap();
    if (response.status >= 400) {
        const Json& b = response.body;
        if (!b.is_object() || !b.contains("code") || !b["code"].is_string() || !b.contains("message") ||
            !b["message"].is_string())
            __builtin_trap();
    }
    (void)response.body.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (who != 0 && (response.clearSession || response.status == 401)) w.logIn(who);
    return 0;
}
