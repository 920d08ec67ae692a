// Controller for the request file (guide §3, §4): turns the screens' intents
// into calls of docs/request-file-api.md and the replies into state.
#include "client/app.h"
#include "client/screens/screens.h"
#include "client/ui/semantics.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

// "19/05/2020" -> "2020-05-19"; anything else is sent as typed (the server says what is wrong).
std::string isoFromFrench(const std::string& s) {
    if (s.size() == 10 && s[2] == '/' && s[5] == '/')
        return s.substr(6, 4) + "-" + s.substr(3, 2) + "-" + s.substr(0, 2);
    return s;
}

}  // namespace

void App::applyFile(const Json& json) {
    RequestFileState& r = state_.request;
    RequestFileView file = RequestFileFromJson(json);
    const bool fresh = !r.file || r.file->numeroUnique != file.numeroUnique;
    r.loaded = true;
    r.reviewPanels = false;
    // The screen's own copies of what it edits in place.
    if (r.docsPending == 0)
        for (int i = 0; i < 4; ++i) r.docs[i] = file.documents[i];
    if (r.sharingPending == 0) r.sharingChoice = file.sharingChoice;
    if (fresh) {
        r.employerFormLoaded = false;
        r.resourcesFormLoaded = false;
        r.panel = file.step >= 1 && file.step <= 3 ? file.step : 1;
    }
    r.file = std::move(file);
}

void App::loadRequest() {
    RequestFileState& r = state_.request;
    call({.method = "GET",
          .path = "/api/v1/request",
          .busy = &r.busy,
          .error = &r.error,
          .retry = [this] { loadRequest(); },
          .statuses = {404}},  // no file imported yet
         [this](const ApiReply& reply) {
             RequestFileState& r = state_.request;
             if (reply.ok()) return applyFile(reply.body.value("file", Json()));
             r.file.reset();
             r.loaded = true;
         });
}

// The file actions: the file in the reply is applied; a refusal goes at its
// fields, and in the screen's error when it names none.
void App::fileCall(Call c, const char* successKey, ReplyHandler done, ReplyHandler refused) {
    FieldErrorMap* errors = c.errors;
    c.error = &state_.request.error;
    call(
        std::move(c),
        [this, errors, successKey, done = std::move(done)](const ApiReply& reply) {
            RequestFileState& r = state_.request;
            if (reply.ok()) {
                if (reply.body.contains("file")) applyFile(reply.body["file"]);
                if (errors) errors->clear();
                r.error.clear();
                if (successKey) {
                    r.notice = tr(successKey);
                    state_.announce = r.notice;
                }
            }
            if (done) done(reply);
        },
        std::move(refused));
}

namespace {

// A message at a field the step does not show (the Numéro Unique refused while
// the code is asked for) is said in the screen's error instead of being lost.
void keepShown(FieldErrorMap& errors, std::string& error, const char* shown) {
    for (const auto& [field, message] : errors.byField)
        if (field != shown && error.empty()) error = message;
}

}  // namespace

void App::processRequestIntents() {
    RequestFileState& r = state_.request;
    if (r.departmentsRequested && r.departments.empty() && !r.departmentsLoading) {
        r.departmentsRequested = false;
        call({.method = "GET",
              .path = "/api/v1/departments",
              .busy = &r.departmentsLoading,
              .retry = [this] { state_.request.departmentsRequested = true; }},
             [this](const ApiReply& reply) {
                 RequestFileState& r = state_.request;
                 r.departments.clear();
                 for (const auto& d : reply.body.value("departments", Json::array())) {
                     r.departments.push_back(Department{d.value("code", ""), d.value("name", ""),
                                                        d.value("siteUrl", ""), d.value("national", false)});
                 }
             });
    }
    if (r.submitNu) {
        r.submitNu = false;
        r.error.clear();
        r.importErrors.clear();
        call(
            {.method = "POST",
             .path = "/api/v1/request/import",
             .body = Json{{"numeroUnique", r.nu}},
             .busy = &r.busy,
             .errors = &r.importErrors,
             .error = &r.error,
             .retry = [this] { state_.request.submitNu = true; }},
            [this](const ApiReply& reply) {
                RequestFileState& r = state_.request;
                r.codeSent = true;
                r.maskedEmail = reply.body.value("maskedEmail", "");
                state_.announce = trf("ui.import.code_sent", {r.maskedEmail});
                ui::semantics().requestFocus("import.code");
            },
            [this](const ApiReply&) {
                RequestFileState& r = state_.request;
                keepShown(r.importErrors, r.error, "numeroUnique");
                ui::semantics().requestFocus("import.nu");
            });
    }
    if (r.submitCode) {
        r.submitCode = false;
        fileCall(
            {.method = "POST",
             .path = "/api/v1/request/import/confirm",
             .body = Json{{"numeroUnique", r.nu}, {"code", r.code}},
             .busy = &r.busy,
             .errors = &r.importErrors},
            nullptr,
            [this](const ApiReply&) {
                RequestFileState& r = state_.request;
                r.codeSent = false;
                r.code.clear();
                state_.announce = tr("ui.import.done");
            },
            [this](const ApiReply&) {
                RequestFileState& r = state_.request;
                keepShown(r.importErrors, r.error, "code");
                ui::semantics().requestFocus("import.code");
            });
    }
    if (r.submitEmployer) {
        r.submitEmployer = false;
        Json body{{"employerName", r.employerName},
                  {"companyCode", r.companyCode},
                  {"matricule", r.matricule},
                  {"hireDate", isoFromFrench(r.hireDate)},
                  {"cdii", r.cdii},
                  {"attachTo", r.attachTo}};
        fileCall({.method = "PUT",
                  .path = "/api/v1/request/employer",
                  .body = std::move(body),
                  .busy = &r.busy,
                  .errors = &r.employerErrors},
                 "ui.file.employer_ok");
    }
    if (r.submitSharing) {
        r.submitSharing = false;
        fileCall({.method = "PUT",
                  .path = "/api/v1/request/sharing",
                  .body = Json{{"choice", r.sharingChoice}},
                  .inFlight = &r.sharingPending},
                 "ui.file.sharing_saved");
    }
    if (r.submitResources) {
        r.submitResources = false;
        r.resourcesNotice.clear();
        fileCall(
            {.method = "PUT",
             .path = "/api/v1/request/resources",
             .body = Json{{"monthlyResources", r.resourcesText}, {"housingAid", r.aidText}},
             .busy = &r.busy,
             .errors = &r.resourcesErrors},
            nullptr,
            [this](const ApiReply&) {
                RequestFileState& r = state_.request;
                r.resourcesFormLoaded = false;  // the amounts as the service wrote them back
                r.resourcesNotice = tr("ui.resources.saved");
                state_.announce = r.resourcesNotice;
                state_.offers.reload = true;  // the eligible offers may have changed
            },
            [this](const ApiReply&) {
                const RequestFileState& r = state_.request;
                if (r.resourcesErrors.byField.empty()) return;
                ui::semantics().requestFocus(r.resourcesErrors.byField.count("monthlyResources")
                                                 ? "file.resources.monthly"
                                                 : "file.resources.aid");
            });
    }
    if (r.submitDocs) {
        r.submitDocs = false;
        Json body{
            {"identite", r.docs[0]}, {"ressources", r.docs[1]}, {"avis_imposition", r.docs[2]}, {"motif", r.docs[3]}};
        fileCall(
            {.method = "PUT", .path = "/api/v1/request/documents", .body = std::move(body), .inFlight = &r.docsPending},
            nullptr);
    }
    if (r.submitValidate) {
        r.submitValidate = false;
        fileCall({.method = "POST", .path = "/api/v1/request/validate", .body = Json::object(), .busy = &r.busy},
                 "ui.file.validated",
                 [this](const ApiReply&) { state_.scrollTop = true; });  // the dashboard replaces the panels
    }
    if (r.refresh) {
        r.refresh = false;
        r.notice.clear();
        r.identityMismatch.clear();
        fileCall({.method = "POST",
                  .path = "/api/v1/request/refresh",
                  .body = Json::object(),
                  .busy = &r.busy,
                  .statuses = {409}},
                 "ui.file.refreshed", [this](const ApiReply& reply) {
                     RequestFileState& r = state_.request;
                     if (reply.status != 409) return;
                     const std::string code = reply.errorCode();
                     if (code == "code_required") {
                         r.legacyDialog = true;
                         r.legacyCodeSent = false;
                         ui::semantics().requestFocus("file.legacyConfirm");
                     } else if (code == "identity_mismatch") {
                         r.identityMismatch = reply.errorMessage();
                         state_.announce = r.identityMismatch;
                     } else {
                         r.error = reply.errorMessage();
                         state_.announce = r.error;
                     }
                 });
    }
    if (r.sendLegacyCode) {
        r.sendLegacyCode = false;
        fileCall({.method = "POST",
                  .path = "/api/v1/request/refresh/code",
                  .body = Json::object(),
                  .busy = &r.busy,
                  .errors = &r.legacyErrors},
                 nullptr, [this](const ApiReply& reply) {
                     RequestFileState& r = state_.request;
                     r.legacyCodeSent = true;
                     r.legacyMasked = reply.body.value("maskedEmail", "");
                     ui::semantics().requestFocus("file.legacyCode");
                 });
    }
    if (r.submitLegacyCode) {
        r.submitLegacyCode = false;
        fileCall({.method = "POST",
                  .path = "/api/v1/request/refresh/confirm",
                  .body = Json{{"code", r.legacyCode}},
                  .busy = &r.busy,
                  .errors = &r.legacyErrors,
                  .statuses = {409}},
                 "ui.file.refreshed", [this](const ApiReply& reply) {
                     RequestFileState& r = state_.request;
                     if (reply.ok()) {
                         r.legacyDialog = false;
                         r.legacyCodeSent = false;
                         r.legacyCode.clear();
                     } else if (reply.errorCode() == "identity_mismatch") {
                         r.legacyDialog = false;
                         r.identityMismatch = reply.errorMessage();
                     } else {
                         r.legacyErrors.fromReply(reply.body);
                         if (r.legacyErrors.empty()) r.legacyErrors.general = reply.errorMessage();
                         r.error = r.legacyErrors.general;
                         state_.announce = reply.errorMessage();
                     }
                 });
    }
    if (r.doDelete) {
        r.doDelete = false;
        fileCall({.method = "DELETE", .path = "/api/v1/request", .busy = &r.busy, .statuses = {404}}, nullptr,
                 [this](const ApiReply& reply) {
                     const bool cancelled = reply.body.is_object() && reply.body.value("applicationCancelled", false);
                     state_.request = RequestFileState{};
                     state_.request.loaded = true;
                     state_.announce = tr(cancelled ? "ui.file.deleted_application_cancelled" : "ui.file.deleted");
                 });
    }
}

}  // namespace alin::client
