/**
 * Events in the seed workflow tool's JSON shape: reading them ({@link dev.switchboard.core.event.EventJson},
 * straight from the parser's tokens to the event's fields), writing them, and giving each accepted
 * event its id ({@link dev.switchboard.core.event.EventIds}).
 *
 * <h2>Code on the per-event path</h2>
 *
 * <p>Reading an event, matching it and sending it run once per event, millions of times, and in
 * the command line's {@code run} mostly before the JIT has finished compiling them. Two rules
 * follow, here and wherever a per-event cache lives (the engine's subscription index, the HTTP
 * transport's URIs):
 *
 * <ul>
 *   <li>A per-event cache uses {@code ConcurrentHashMap.computeIfAbsent}, not a {@code get} and a
 *       {@code put} on a miss: compiled code optimises a branch it never saw taken into a trap, so
 *       the first miss after warm-up (a new workflow, a new session) threw away the compiled caller
 *       and ran it interpreted until it was compiled again. {@code computeIfAbsent} keeps the miss
 *       inside a small JDK method whose own recompilation is cheap. Caches are bounded and emptied
 *       when full, so that ever-new keys cost no more than a bounded map.</li>
 *   <li>Values that repeat across the events waiting in queues (event types, spec names, patterns,
 *       session ids) are kept once ({@code CanonicalStrings}): each queued event then holds
 *       references, not its own copies, about a third of its heap.</li>
 *   <li>The runtime's mapper takes Jackson's buffers from one pool shared by all threads, not one
 *       set per thread: a lane's new worker then starts with warm buffers instead of empty ones
 *       whose first use trapped compiled writers.</li>
 * </ul>
 *
 * <p>Anything else here is plain Jackson: a hand-written replacement of a library path stays only
 * where a benchmark shows it faster by more than the run-to-run spread ({@code benchmarks/RESULTS.md}).
 */
package dev.switchboard.core.event;
