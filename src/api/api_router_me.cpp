#include "api/api_router_me.h"

#include "api/api_replies.h"
#include "i18n/catalog.h"

namespace alin {

namespace {

// PUT /me/language: "fr" or "en" exactly.
ApiResponse putLanguage(AccountService& accounts, const ApiRequest& request) {
    auto me = accounts.authenticate(request.sessionToken);
    if (!me.ok()) return errorReply(*me.error, true);
    const Json* value = nullptr;
    if (request.body.is_object()) {
        auto it = request.body.find("language");
        if (it != request.body.end() && it->is_string()) value = &*it;
    }
    const std::string tag = value ? value->get<std::string>() : std::string();
    if (tag != "fr" && tag != "en") return makeError(400, "bad_request", tr("language.error.invalid"), "language");
    const i18n::Lang language = tag == "en" ? i18n::Lang::En : i18n::Lang::Fr;
    accounts.setLanguage(me.value->id, language);
    me.value->language = language;
    const i18n::LanguageScope scope(language);  // the confirmation in the chosen language
    ApiResponse r;
    r.body = {{"language", tag}, {"user", userJson(*me.value)}, {"message", tr("language.saved")}};
    return r;
}

}  // namespace

Json userJson(const Me& me) {
    Json j{{"id", me.id},
           {"email", me.email},
           {"birthName", me.birthName},
           {"firstName", me.firstName},
           {"phone", me.phone},
           {"role", domain::roleCode(me.role)},
           {"organisation", me.organisation},
           {"language", i18n::languageTag(me.language)}};
    if (me.role == domain::Role::Employer) j["siret"] = me.siret;
    return j;
}

ApiResponse routeMe(AccountService& accounts, MyDataService* myData, ApplicationService* applications,
                    const ApiRequest& request, const std::vector<std::string>& s) {
    const bool isData = s.size() == 2 && s[1] == "data";
    const bool isDelete = s.size() == 2 && s[1] == "delete";
    if (s.size() == 2 && s[1] == "language") {
        if (request.method != "PUT") return methodNotAllowedReply({"PUT"});
        return putLanguage(accounts, request);
    }
    if (!isData && !isDelete) return notFoundReply();
    if (isData && request.method != "GET") return methodNotAllowedReply({"GET"});
    if (isDelete && request.method != "POST") return methodNotAllowedReply({"POST"});
    if (myData == nullptr) return makeError(503, "unavailable", tr("request.error.data_loading"));

    auto me = accounts.authenticate(request.sessionToken);
    if (!me.ok()) return errorReply(*me.error, true);
    if (isData) {
        ApiResponse r;
        r.body = {{"data", myData->exportData(*me.value)}};
        return r;
    }
    if (!request.body.is_object()) return badRequestReply();
    auto password = request.body.find("password");
    if (password != request.body.end() && !password->is_string() && !password->is_null())
        return badRequestReply("password");
    const std::string text =
        password != request.body.end() && password->is_string() ? password->get<std::string>() : "";
    auto outcome = myData->deleteAccount(*me.value, text, request.clientAddress, applications);
    if (!outcome.ok()) return errorReply(*outcome.error);
    ApiResponse r;
    r.body = {
        {"message", tr(outcome.value->applicationCancelled ? "mydata.delete.done_cancelled" : "mydata.delete.done")},
        {"applicationCancelled", outcome.value->applicationCancelled},
        {"applicationsArchived", outcome.value->applicationsArchived}};
    r.clearSession = true;
    return r;
}

}  // namespace alin
