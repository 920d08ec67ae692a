#include "client/my_data_html.h"

#include <algorithm>

#include "client/my_data_text.h"
#include "domain/format.h"
#include "domain/validation.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

using mydata::count;
using mydata::dateOr;
using mydata::list;
using mydata::num;
using mydata::str;

// A small writer: every text goes through EscapeHtml.
class Html {
public:
    void heading(int level, const std::string& text) {
        const std::string tag = "h" + std::to_string(level);
        out_ += "<" + tag + ">" + EscapeHtml(text) + "</" + tag + ">\n";
    }
    void paragraph(const std::string& text, const char* cssClass = nullptr) {
        out_ += cssClass ? std::string("<p class=\"") + cssClass + "\">" : std::string("<p>");
        out_ += EscapeHtml(text) + "</p>\n";
    }
    void beginList(const char* tag = "ul") { out_ += std::string("<") + tag + ">\n"; }
    void endList(const char* tag = "ul") { out_ += std::string("</") + tag + ">\n"; }
    void item(const std::string& text) { out_ += "<li>" + EscapeHtml(text) + "</li>\n"; }
    void raw(const std::string& html) { out_ += html; }
    // A row of a definition list: the label, then the value.
    void pair(const std::string& label, const std::string& value) {
        out_ += "<dt>" + EscapeHtml(label) + "</dt><dd>" + EscapeHtml(value.empty() ? tr("mydata.none") : value) +
                "</dd>\n";
    }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

void Account(Html& h, const Json& a) {
    h.heading(2, tr("mydata.account.title"));
    h.raw("<dl>\n");
    h.pair(tr("mydata.account.birthName"), str(a, "birthName"));
    h.pair(tr("mydata.account.firstName"), str(a, "firstName"));
    h.pair(tr("mydata.account.email"), str(a, "email"));
    h.pair(tr("mydata.account.phone"), domain::formatFrenchPhone(str(a, "phone")));
    if (!str(a, "organisation").empty()) h.pair(tr("mydata.account.organisation"), str(a, "organisation"));
    h.pair(tr("mydata.account.created"), dateOr(num(a, "createdAt"), "mydata.none"));
    h.pair(tr("mydata.account.consent"), dateOr(num(a, "consentAt"), "mydata.none"));
    h.raw("</dl>\n");
}

void Request(Html& h, const Json& d) {
    h.heading(2, tr("mydata.request.title"));
    const Json& f = d.contains("requestFile") ? d["requestFile"] : Json();
    if (!f.is_object()) {
        h.paragraph(tr("mydata.request.none"));
        return;
    }
    h.raw("<dl>\n");
    h.pair(tr("mydata.request.nu"), str(f, "numeroUnique"));
    h.pair(tr("mydata.request.imported"), dateOr(num(f, "importedAt"), "mydata.none"));
    h.pair(tr("mydata.request.refreshed"), dateOr(num(f, "refreshedAt"), "mydata.none"));
    h.pair(tr("mydata.request.validated"), dateOr(num(f, "validatedAt"), "mydata.request.not_validated"));
    if (!str(f, "employerName").empty()) h.pair(tr("mydata.request.employer"), str(f, "employerName"));
    h.raw("</dl>\n");
    const Json& history = list(d, "requestHistory");
    h.paragraph(count("mydata.request.history", history.size()));
    h.beginList();
    for (const Json& e : history) {
        const std::string event = str(e, "event");
        h.item(trf("mydata.dated", {domain::formatDate(num(e, "at")),
                                    tr("mydata.history." + (event.empty() ? std::string("unknown") : event))}));
    }
    h.endList();
}

void Sharing(Html& h, const Json& d) {
    h.heading(2, tr("mydata.sharing.title"));
    const Json& s = d.contains("sharingChoices") ? d["sharingChoices"] : Json::object();
    const int64_t current = num(s, "current");
    h.raw("<dl>\n");
    h.pair(tr("mydata.sharing.current"),
           current >= 1 && current <= 3 ? tr("mydata.choice." + std::to_string(current)) : tr("mydata.none"));
    h.raw("</dl>\n");
    const Json& changes = list(s, "changes");
    h.paragraph(count("mydata.sharing.changes", changes.size()));
    h.beginList();
    for (const Json& c : changes)
        h.item(
            trf("mydata.dated", {domain::formatDate(num(c, "at")),
                                 tr("mydata.choice." + std::to_string(std::clamp<int64_t>(num(c, "choice"), 0, 3)))}));
    h.endList();
}

void Applications(Html& h, const Json& d) {
    h.heading(2, tr("mydata.applications.title"));
    const Json& apps = list(d, "applications");
    h.paragraph(count("mydata.applications.count", apps.size()));
    h.beginList();
    for (const Json& a : apps)
        h.item(trf("mydata.applications.item",
                   {std::to_string(num(a, "offerId")), tr("mydata.stage." + str(a, "stage"))}) +
               " - " +
               trf("mydata.applications.dates",
                   {domain::formatDate(num(a, "createdAt")), count("mydata.events", list(a, "events").size())}));
    h.endList();
}

void Messages(Html& h, const Json& d) {
    h.heading(2, tr("mydata.messages.title"));
    const Json& messages = list(d, "messages");
    h.paragraph(count("mydata.messages.count", messages.size()));
    for (const Json& m : messages) {
        h.heading(3, trf("contact.list.item", {str(m, "subjectLabel"), domain::formatDate(num(m, "createdAt"))}));
        h.paragraph(str(m, "message"), "text");
        if (!str(m, "answer").empty()) {
            h.paragraph(trf("contact.list.answer", {domain::formatDate(num(m, "answeredAt"))}), "label");
            h.paragraph(str(m, "answer"), "text");
        } else {
            h.paragraph(tr(str(m, "status") == "closed" ? "contact.list.closed" : "contact.list.waiting"));
        }
    }
}

void Alerts(Html& h, const Json& d) {
    h.heading(2, tr("mydata.other.title"));
    const Json& alerts = list(d, "alerts");
    h.paragraph(count("mydata.alerts.count", alerts.size()));
    h.beginList();
    for (const Json& a : alerts) h.item(mydata::alertLine(a));
    h.endList();
}

void Emails(Html& h, const Json& d) {
    h.heading(2, tr("mydata.emails.title"));
    const Json& mails = list(d, "emails");
    h.paragraph(count("mydata.emails.count", mails.size()));
    h.beginList();
    for (const Json& m : mails)
        h.item(trf("mydata.dated", {domain::formatDate(num(m, "createdAt")), str(m, "subject")}));
    h.endList();
}

void Logins(Html& h, const Json& d) {
    h.heading(2, tr("mydata.logins.title"));
    const Json& logins = list(d, "logins");
    h.paragraph(count("mydata.logins.count", logins.size()));
    h.beginList();
    for (const Json& l : logins) {
        const std::string device = str(l, "device");
        h.item(trf("mydata.dated", {domain::formatDateTime(num(l, "at")),
                                    device.empty() ? std::string(tr("mydata.logins.unknown_device")) : device}));
    }
    h.endList();
}

// Readable on screen, plain on paper: black on white, no page break inside a
// section's heading and its first lines, the hint not printed.
constexpr const char* kStyle =
    "body{font-family:Marianne,Arial,sans-serif;font-size:16px;line-height:1.5;color:#161616;background:#fff;"
    "max-width:48rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.75rem}h2{font-size:1.375rem;border-bottom:2px solid #000091;margin-top:2rem}"
    "h3{font-size:1.125rem}dt{font-weight:bold}dd{margin:0 0 .5rem 0}"
    ".text{white-space:pre-wrap;border-left:3px solid #ddd;padding-left:.75rem}.label{font-weight:bold}"
    "@media print{body{max-width:none;padding:0;font-size:11pt}.hint{display:none}"
    "h2,h3{break-after:avoid;page-break-after:avoid}li,dd,.text{break-inside:avoid}}";

}  // namespace

std::string EscapeHtml(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string MyDataHtml(const Json& data, int64_t now) {
    const Json& account = data.is_object() && data.contains("account") ? data["account"] : Json::object();
    const std::string name = str(account, "firstName") + " " + str(account, "birthName");
    const std::string title = trf("mydata.html.title", {name});
    Html h;
    h.raw(std::string("<!DOCTYPE html>\n<html lang=\"") + i18n::languageTag(i18n::language()) +
          "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n<title>" +
          EscapeHtml(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n");
    h.heading(1, title);
    h.paragraph(trf("mydata.html.printed", {domain::formatDate(now)}));
    h.paragraph(tr("mydata.html.hint"), "hint");
    Account(h, account);
    Request(h, data);
    Sharing(h, data);
    Applications(h, data);
    Messages(h, data);
    Emails(h, data);
    Logins(h, data);
    Alerts(h, data);
    h.raw("</main>\n</body>\n</html>\n");
    return h.take();
}

}  // namespace alin::client
