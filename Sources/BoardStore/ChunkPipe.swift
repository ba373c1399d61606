import BoardModel
import Foundation

/// A bounded hand-off between the thread that parses a lab file and the thread that writes the store: the
/// parser blocks when `depth` chunks wait (memory stays bounded), the writer when none do.
final class ChunkPipe<Chunk: Sendable>: @unchecked Sendable {
    enum Next {
        case chunk(Chunk, bytesRead: Int)
        case ended(Result<FindingStream.Outcome, any Error>)
    }

    private let condition = NSCondition()
    private var waiting: [(Chunk, Int)] = []
    private var result: Result<FindingStream.Outcome, any Error>?
    private var cancelled = false
    private let depth: Int

    init(depth: Int) { self.depth = max(1, depth) }

    /// Parser side: waits for room; throws once the writer has given up.
    func put(_ chunk: Chunk, bytesRead: Int) throws {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= depth && !cancelled { condition.wait() }
        if cancelled { throw CancellationError() }
        waiting.append((chunk, bytesRead))
        condition.broadcast()
    }

    /// Parser side: the file is read (or failed).
    func end(_ result: Result<FindingStream.Outcome, any Error>) {
        condition.lock()
        defer { condition.unlock() }
        self.result = result
        condition.broadcast()
    }

    /// Writer side: the next chunk, or how the parse ended once every chunk is taken.
    func next() -> Next {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && result == nil { condition.wait() }
        if !waiting.isEmpty {
            let (chunk, bytes) = waiting.removeFirst()
            condition.broadcast()
            return .chunk(chunk, bytesRead: bytes)
        }
        return .ended(result!)
    }

    /// Writer side: stop the parser and wait until its thread has finished.
    func cancelAndWait() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        waiting.removeAll()
        condition.broadcast()
        while result == nil { condition.wait() }
    }

    /// Reads `stream` on a new thread, preparing each chunk there, and calls `write` with each on this thread.
    /// Returns the stream's outcome; on any error (the file's or `write`'s) the parser is stopped and the
    /// error thrown only after its thread has ended, so nothing outlives the import's transaction.
    static func drain(
        _ stream: FindingStream, depth: Int = 4, chunkSize: Int = 8192,
        prepare: @escaping @Sendable (FindingBatch) throws -> Chunk,
        write: (Chunk, Int) throws -> Void
    ) throws -> FindingStream.Outcome {
        let pipe = ChunkPipe(depth: depth)
        let parser = Thread {
            pipe.end(
                Result {
                    try stream.read(chunkSize: chunkSize) { batch, bytes in
                        try pipe.put(try prepare(batch), bytesRead: bytes)
                    }
                })
        }
        parser.stackSize = 8 << 20
        parser.start()
        do {
            while true {
                switch pipe.next() {
                case .chunk(let chunk, let bytes): try write(chunk, bytes)
                case .ended(let result): return try result.get()
                }
            }
        } catch {
            pipe.cancelAndWait()
            throw error
        }
    }
}
