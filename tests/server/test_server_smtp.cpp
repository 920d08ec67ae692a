// E-mails over real SMTP: a local aiosmtpd sink (Debian python3-aiosmtpd)
// prints what it receives; the server is pointed at it with ALIN_SMTP_URL.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cctype>
#include <chrono>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "server_fixture.h"
#include "support/pg_test_db.h"

using namespace alin::test;

namespace {

std::string base64Decode(const std::string& in) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    std::string out;
    int bits = 0, acc = 0;
    for (char c : in) {
        int v = value(c);
        if (v < 0) continue;
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xff);
        }
    }
    return out;
}

// "=?UTF-8?B?...?= =?UTF-8?B?...?=" (possibly folded) -> UTF-8 text.
std::string decodeHeader(const std::string& value) {
    static const std::regex kWord(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)", std::regex::icase);
    std::string out;
    bool any = false;
    for (auto it = std::sregex_iterator(value.begin(), value.end(), kWord); it != std::sregex_iterator(); ++it) {
        out += base64Decode((*it)[1]);
        any = true;
    }
    return any ? out : value;
}

std::string decodeQuotedPrintable(std::string text) {
    text = std::regex_replace(text, std::regex("=\r?\n"), "");
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '=' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

struct ReceivedMail {
    std::map<std::string, std::string> headers;  // unfolded
    std::string body;                            // as transmitted (quoted-printable)
};

// Parses the sink's output: messages between "MESSAGE FOLLOWS" and "END MESSAGE".
std::vector<ReceivedMail> parseSink(const std::string& output) {
    std::vector<ReceivedMail> mails;
    size_t pos = 0;
    while ((pos = output.find("---------- MESSAGE FOLLOWS ----------\n", pos)) != std::string::npos) {
        pos = output.find('\n', pos) + 1;
        size_t end = output.find("------------ END MESSAGE ------------", pos);
        if (end == std::string::npos) break;
        std::string message = output.substr(pos, end - pos);
        pos = end;
        ReceivedMail mail;
        size_t blank = message.find("\n\n");
        std::string head = message.substr(0, blank);
        mail.body = blank == std::string::npos ? "" : message.substr(blank + 2);
        std::string last;
        std::istringstream lines(head);
        for (std::string line; std::getline(lines, line);) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !last.empty()) {
                mail.headers[last] += line;  // folded continuation
                continue;
            }
            auto colon = line.find(':');
            if (colon == std::string::npos) continue;
            last = line.substr(0, colon);
            mail.headers[last] = line.substr(colon + 1 + (colon + 1 < line.size() && line[colon + 1] == ' '));
        }
        mails.push_back(std::move(mail));
    }
    return mails;
}

class SmtpSink {
public:
    explicit SmtpSink(const TempDir& dir, int port = 0)
        : port_(port ? port : freeLoopbackPort()), output_(dir.path / "smtp-sink.txt") {
        ChildProcess::Options o;
        o.argv = {"/usr/bin/python3", "-u", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_)};
        o.stdoutFile = output_;
        o.stderrFile = dir.path / "smtp-sink.err";
        process_ = std::make_unique<ChildProcess>(o);
        REQUIRE_MESSAGE(waitForTcp(port_, 15000), "the aiosmtpd sink did not start (apt-get install python3-aiosmtpd): "
                                                      << readTextFile(dir.path / "smtp-sink.err"));
    }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
    // Waits until `count` messages were received.
    std::vector<ReceivedMail> waitFor(size_t count, int timeoutMs = 15000) const {
        auto start = std::chrono::steady_clock::now();
        while (true) {
            auto mails = parseSink(readTextFile(output_));
            if (mails.size() >= count) return mails;
            if (std::chrono::steady_clock::now() - start > std::chrono::milliseconds(timeoutMs)) return mails;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

    // What was received so far.
    std::vector<ReceivedMail> received() const { return parseSink(readTextFile(output_)); }

private:
    int port_;
    fs::path output_;
    std::unique_ptr<ChildProcess> process_;
};

// Polls `ready` every 20 ms for up to `timeoutMs`; true as soon as it holds.
template <class F>
bool eventually(F ready, int timeoutMs = 15000) {
    const auto start = std::chrono::steady_clock::now();
    while (!ready()) {
        if (std::chrono::steady_clock::now() - start > std::chrono::milliseconds(timeoutMs)) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

std::string deliveryOf(const ServerProcess& server, const std::string& to) {
    Json box = server.mailbox(to);
    return box.size() == 1 ? box[0].value("delivery", "") : "";
}

}  // namespace

TEST_SUITE("server smtp") {
    TEST_CASE("sign-up e-mail delivered over SMTP, copy kept in the development mailbox") {
        TempDir dir;
        SmtpSink sink(dir);
        ServerProcess server(Env{{"ALIN_SMTP_URL", sink.url()}});
        const std::string email = "dupont.jean@yopmail.com";
        REQUIRE(server.signup(email, "Jérôme").status == 202);

        auto mails = sink.waitFor(1);
        REQUIRE_MESSAGE(mails.size() == 1, "server log:\n" << server.log());
        const ReceivedMail& mail = mails[0];

        Json copy = server.mailbox(email);
        REQUIRE(copy.size() == 1);
        const std::string subject = copy[0]["subject"];
        const std::string url = copy[0]["links"][0]["url"];

        CHECK(mail.headers.at("To") == "<" + email + ">");
        CHECK(mail.headers.at("Subject").find("=?UTF-8?B?") == 0);  // the subject is not ASCII
        CHECK(decodeHeader(mail.headers.at("Subject")) == subject);
        CHECK(mail.headers.at("Content-Type") == "text/plain; charset=UTF-8");
        CHECK(mail.headers.at("MIME-Version") == "1.0");
        CHECK(mail.headers.count("Date") == 1);
        CHECK(mail.headers.count("Message-ID") == 1);
        CHECK(mail.headers.at("From").find("<no-reply@") != std::string::npos);
        // The Message-ID is the outbox row's (the same at every attempt).
        const std::string rowId = std::to_string(copy[0]["id"].get<int64_t>());
        CHECK(mail.headers.at("Message-ID").rfind("<alin." + rowId + ".", 0) == 0);
        CHECK(eventually([&] { return deliveryOf(server, email) == "sent"; }));

        const std::string body = decodeQuotedPrintable(mail.body);
        CHECK(body.find(url) != std::string::npos);
        CHECK(body == copy[0]["body"].get<std::string>() + "\n");
    }

    TEST_CASE("production with SMTP: delivered, and still no mailbox") {
        TempDir dir;
        SmtpSink sink(dir);
        ServerProcess server(Env{{"ALIN_SMTP_URL", sink.url()}, {"ALIN_ENV", "production"}});
        REQUIRE(server.signup("martin@yopmail.com").status == 202);
        auto mails = sink.waitFor(1);
        REQUIRE(mails.size() == 1);
        CHECK(mails[0].headers.at("To") == "<martin@yopmail.com>");
        CHECK(server.get("/api/v1/dev/mailbox?to=martin%40yopmail.com").status == 404);
    }

    TEST_CASE("a failing SMTP server: the request is answered, the mail stays pending, is retried, sent once") {
        TempDir dir;
        const int port = freeLoopbackPort();  // nothing listens there yet
        const std::string url = "smtp://user:motdepasse@127.0.0.1:" + std::to_string(port);
        ServerProcess server(Env{{"ALIN_SMTP_URL", url}});
        const std::string email = "dupont@yopmail.com";
        auto r = server.signup(email);
        CHECK(r.status == 202);  // written to the outbox: the SMTP server is not the request's business
        REQUIRE_MESSAGE(eventually([&] { return server.log().find("SMTP: delivery failed") != std::string::npos; }),
                        server.log());
        Json copy = server.mailbox(email);
        REQUIRE(copy.size() == 1);
        CHECK(copy[0]["delivery"] == "pending");
        CHECK(copy[0]["attempts"] == 1);
        // Reported without secrets: no password of the URL, no link token.
        const std::string log = server.log();
        CHECK(log.find("motdepasse") == std::string::npos);
        CHECK(log.find(copy[0]["links"][0]["url"].get<std::string>()) == std::string::npos);

        // The mail server comes back; at the first retry (the test clock moved
        // past the backoff) the mail is delivered, once, and marked sent.
        SmtpSink sink(dir, port);
        server.advanceClock(60);
        auto mails = sink.waitFor(1);
        REQUIRE_MESSAGE(mails.size() == 1, server.log());
        CHECK(mails[0].headers.at("To") == "<" + email + ">");
        CHECK(eventually([&] { return deliveryOf(server, email) == "sent"; }));
        server.advanceClock(24 * 3600);  // nothing is due any more
        CHECK(server.mailbox(email)[0]["attempts"] == 2);
        CHECK(sink.received().size() == 1);
    }

    TEST_CASE("two servers on one database deliver every mail exactly once") {
        TempDir dir;
        SmtpSink sink(dir);
        // SQLite shared by two processes, and PostgreSQL when ALIN_TEST_PG is set.
        PgTestDatabase pg("outbox");
        std::vector<std::string> databases{(dir.path / "shared.db").string()};
        if (pg.available()) databases.push_back(pg.url());
        for (const std::string& database : databases) {
            CAPTURE(database);
            const Env env{{"ALIN_SMTP_URL", sink.url()}, {"ALIN_DB", database}, {"ALIN_OUTBOX_POLL_MS", "20"}};
            ServerProcess a(env);
            ServerProcess b(env);
            const size_t before = sink.received().size();
            constexpr int kMails = 12;
            const std::string tag = database == databases[0] ? "sqlite" : "pg";
            for (int i = 0; i < kMails; ++i) {
                const ServerProcess& server = i % 2 == 0 ? a : b;
                REQUIRE(server.signup("m" + std::to_string(i) + "." + tag + "@yopmail.com").status == 202);
            }
            auto mails = sink.waitFor(before + kMails);
            REQUIRE_MESSAGE(mails.size() == before + kMails, a.log() << b.log());
            for (int i = 0; i < kMails; ++i) {
                const std::string email = "m" + std::to_string(i) + "." + tag + "@yopmail.com";
                CHECK(eventually([&] { return deliveryOf(a, email) == "sent"; }));
            }
            // A second look after every row is marked: still one message per address.
            std::map<std::string, int> perAddress;
            const std::vector<ReceivedMail> all = sink.received();
            for (size_t i = before; i < all.size(); ++i) ++perAddress[all[i].headers.at("To")];
            CHECK(perAddress.size() == static_cast<size_t>(kMails));
            for (const auto& [to, count] : perAddress) CHECK_MESSAGE(count == 1, to << " received " << count);
        }
    }

}  // TEST_SUITE
