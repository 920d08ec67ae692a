// alin_server: configuration from the environment (see http_server.h and
// README.md), one start-up line on stdout, request log on stderr, graceful
// stop on SIGINT / SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <exception>
#include <thread>

#include "http_server.h"

int main() {
    // Signals are taken synchronously by one thread (sigwait), never by an
    // async handler: block them before any thread exists so all inherit it.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    try {
        alin::server::ServerSettings settings = alin::server::settingsFromEnvironment();
        alin::server::AlinServer server(settings);
        server.bind();

        std::thread signalWaiter([&] {
            int received = 0;
            sigwait(&stopSignals, &received);
            server.stop();
        });

        std::printf("AL'in server listening on %s\n", server.url().c_str());
        std::fflush(stdout);

        bool ok = server.run();
        // Wake the waiter if run() ended by itself (socket error).
        pthread_kill(signalWaiter.native_handle(), SIGTERM);
        signalWaiter.join();
        std::fprintf(stderr, "AL'in server stopped\n");
        return ok ? 0 : 1;
    } catch (const alin::server::ConfigError& e) {
        std::fprintf(stderr, "configuration error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "cannot start: %s\n", e.what());
        return 1;
    }
}
