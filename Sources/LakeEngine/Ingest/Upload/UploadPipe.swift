import NIOCore
import Synchronization

/// A bounded hand-off of upload chunks from the task that produces them (a pull from a DICOM server) to
/// the request body that sends them: the producer waits while ``capacity`` chunks are queued, so memory
/// holds a few chunks whatever the pace of the service.
///
/// Thread-safe. One producer and one consumer: the producer calls ``send(_:)`` then ``finish(throwing:)``;
/// the consumer iterates, and calls ``close()`` when it stops early (the request failed), which releases a
/// waiting producer and makes every later `send` return false.
public final class UploadPipe: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    /// Chunks queued before the producer waits.
    static let capacity = 4

    private struct State {
        var queue: [ByteBuffer] = []
        var finished: Result<Void, any Error>?
        var closed = false
        var consumer: CheckedContinuation<ByteBuffer?, any Error>?
        var producer: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Queues `chunk`, waiting while the queue is full. Returns false when the consumer is gone.
    public func send(_ chunk: ByteBuffer) async -> Bool {
        await withCheckedContinuation { (producer: CheckedContinuation<Void, Never>) in
            let (consumer, resumeNow) = state.withLock { state -> (CheckedContinuation<ByteBuffer?, any Error>?, Bool) in
                if state.closed { return (nil, true) }
                if let consumer = state.consumer {
                    state.consumer = nil
                    return (consumer, true)
                }
                state.queue.append(chunk)
                if state.queue.count < Self.capacity { return (nil, true) }
                state.producer = producer
                return (nil, false)
            }
            consumer?.resume(returning: chunk)
            if resumeNow { producer.resume() }
        }
        return !state.withLock { $0.closed }
    }

    /// Ends the sequence after the queued chunks, with `error` if given.
    public func finish(throwing error: (any Error)? = nil) {
        let consumer = state.withLock { state -> CheckedContinuation<ByteBuffer?, any Error>? in
            state.finished = error.map { .failure($0) } ?? .success(())
            defer { state.consumer = nil }
            return state.consumer
        }
        if let error { consumer?.resume(throwing: error) } else { consumer?.resume(returning: nil) }
    }

    /// The consumer stops: a waiting producer goes on, and sees `send` return false.
    public func close() {
        let producer = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.closed = true
            state.queue = []
            defer { state.producer = nil }
            return state.producer
        }
        producer?.resume()
    }

    /// The next chunk, nil after the end; rethrows the producer's error.
    func next() async throws -> ByteBuffer? {
        try await withCheckedThrowingContinuation { (consumer: CheckedContinuation<ByteBuffer?, any Error>) in
            let (delivery, producer) = state.withLock {
                state -> (Result<ByteBuffer?, any Error>?, CheckedContinuation<Void, Never>?) in
                if !state.queue.isEmpty {
                    let chunk = state.queue.removeFirst()
                    defer { state.producer = nil }
                    return (.success(chunk), state.producer)
                }
                switch state.finished {
                case .success: return (.success(nil), nil)
                case .failure(let error): return (.failure(error), nil)
                case nil:
                    state.consumer = consumer
                    return (nil, nil)
                }
            }
            producer?.resume()
            if let delivery { consumer.resume(with: delivery) }
        }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let pipe: UploadPipe

        public mutating func next() async throws -> ByteBuffer? {
            try await pipe.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pipe: self)
    }
}
