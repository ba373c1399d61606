import BoardStore
import Foundation

/// Reads and compiles the store's trials for matching on a background thread. Compiling 2,000 trials (their free-text
/// eligibility read criterion by criterion) takes seconds, far longer than a frame: the screen starts it when a case
/// first needs matches and keeps drawing; a case shown before it is done says its matches are
/// coming until it is.
final class TrialEngineLoader: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<TrialEngine, any Error>?

    /// Starts reading and compiling at once, on a thread of its own (the store is safe to read from any thread).
    init(store: any TrialStore) {
        Thread.detachNewThread { [self] in
            let result = Result { try TrialEngine(store: store) }
            lock.withLock { outcome = result }
        }
    }

    /// The compiled trials (or the error reading them) once done; nil while still at work.
    var finished: Result<TrialEngine, any Error>? { lock.withLock { outcome } }
}
