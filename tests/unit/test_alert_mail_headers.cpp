// The alerts' e-mails over SMTP (server-stub/smtp_transport.cpp): the link
// marked "unsubscribe" becomes the List-Unsubscribe header with RFC 8058's
// List-Unsubscribe-Post; other e-mails get neither.
#include <doctest/doctest.h>

#include "smtp_transport.h"

using namespace alin;

TEST_CASE("alerts e-mail: List-Unsubscribe and List-Unsubscribe-Post from the link marked unsubscribe") {
    MailRecord m;
    m.to = "anne.porte@example.fr";
    m.subject = "Nouvelle offre";
    m.body = "Bonjour";
    m.links = nlohmann::json::array({{{"label", "Voir"}, {"url", "http://h/#/offre/1000001"}},
                                     {{"label", "Stop"},
                                      {"url", "http://h/#/alertes/desabonnement/7.ab"},
                                      {"unsubscribe", "http://h/api/v1/alerts/unsubscribe?token=7.ab"}}});
    const std::string message = server::formatMessage(m, "no-reply@x.fr", "AL'in", 1'795'694'400, "id@x.fr");
    CHECK(message.find("List-Unsubscribe: <http://h/api/v1/alerts/unsubscribe?token=7.ab>\r\n") != std::string::npos);
    CHECK(message.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n") != std::string::npos);
    // The headers come before the blank line that ends them.
    CHECK(message.find("List-Unsubscribe") < message.find("\r\n\r\n"));

    m.links = nlohmann::json::array({{{"label", "Voir"}, {"url", "http://h/#/offre/1"}}});
    CHECK(server::formatMessage(m, "no-reply@x.fr", "AL'in", 1'795'694'400, "id@x.fr").find("List-Unsubscribe") ==
          std::string::npos);
}
