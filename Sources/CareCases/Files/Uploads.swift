import CareCore
import Foundation

/// One upload's bytes streamed into file storage under a new id: stopped at `limit` (`tooLarge`) or as soon
/// as the first bytes show a type not in `accepts` (`unsupportedType`); an empty one is refused too. Anything
/// refused leaves no file behind. `what` names the thing in the refusals ("a photo", "a document").
struct Upload {
  let id: UUID
  let stored: StoredFile
  let type: MediaType

  static func keep<Chunks: AsyncSequence & Sendable>(
    _ chunks: Chunks, in files: any FileStorage, id: UUID, accepts: Set<MediaType>, limit: Int, what: String,
    limitText: String, acceptsText: String
  ) async throws -> Upload where Chunks.Element == [UInt8] {
    let sniffed = SniffedChunks(base: chunks, accepts: accepts)
    let stored: StoredFile
    do {
      stored = try await files.put(chunks: sniffed, as: id, limit: limit)
    } catch FileStorageError.tooLarge {
      throw CareError.tooLarge(
        FieldError("file", "\(what.capitalizedFirst) can be \(limitText) at most: this one is larger"))
    } catch is UnsupportedMedia {
      throw CareError.unsupportedType(FieldError("file", "That is not \(what) we can keep: send \(acceptsText)"))
    }
    guard stored.bytes > 0, let type = sniffed.found else {
      try? await files.delete(id)
      throw CareError.invalid("file", "Choose \(what) to send: the file was empty")
    }
    return Upload(id: id, stored: stored, type: type)
  }
}
