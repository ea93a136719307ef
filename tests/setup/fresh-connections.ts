// Each test request on a connection of its own. With keep-alive, a socket left idle while the next test file loads
// can be closed by the API server (5 s idle timeout, its event loop late under load) just as a request is written to
// it, and fetch fails with "other side closed". A loopback connect costs far less than such a flaky run.
import { Agent, setGlobalDispatcher } from 'undici';

setGlobalDispatcher(new Agent({ pipelining: 0 }));
