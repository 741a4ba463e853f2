import CareCore
import NIOCore
import Vapor

/// A `multipart/form-data` body read as it arrives: the small fields before the file are collected (each at
/// most `fieldLimit` bytes, at most `maxFields` of them), then the file's bytes are handed on chunk by chunk
/// (`FilePart`), never collected. The form puts its file input last, so everything needed to decide arrives
/// first (browsers send the fields in the order of the form).
final class MultipartUpload: @unchecked Sendable {
  enum Problem: Error, Equatable {
    /// Not multipart, no boundary, broken framing, or a field too long or too many.
    case malformed
    /// The form ended before a file part.
    case noFile
  }

  static let fieldLimit = 4096
  static let maxFields = 32

  private typealias Event = MultipartScanner.Event

  private var body: Request.Body.AsyncIterator
  private var scanner: MultipartScanner
  private var events: [Event] = []
  private var index = 0
  private var exhausted = false

  /// The fields before the file.
  private(set) var fields: [String: String] = [:]
  /// The name the file part gives for its file: text to be checked and shown, never used as a path.
  private(set) var fileName: String?

  init(_ req: Request) throws {
    guard let type = req.headers.contentType, type.type == "multipart", type.subType == "form-data",
      let boundary = type.parameters["boundary"], !boundary.isEmpty
    else { throw Problem.malformed }
    body = req.body.makeAsyncIterator()
    scanner = MultipartScanner(boundary: boundary)
  }

  private func next() async throws -> Event? {
    while index == events.count {
      events.removeAll(keepingCapacity: true)
      index = 0
      guard !exhausted else { return nil }
      guard var buffer = try await body.next() else {
        exhausted = true
        // Cut off before its closing boundary (a dropped upload): nothing in it counts.
        do { try scanner.finish() } catch { throw Problem.malformed }
        return nil
      }
      do {
        events = try scanner.feed(buffer.readBytes(length: buffer.readableBytes) ?? [])
      } catch {
        throw Problem.malformed
      }
    }
    defer { index += 1 }
    return events[index]
  }

  /// Reads the fields up to the file part's first bytes; returns once the file part has begun.
  func readFields() async throws {
    var name: String?
    var isFile = false
    var value: [UInt8] = []
    while let event = try await next() {
      switch event {
      case .header(let header, let text):
        guard header.lowercased() == "content-disposition" else { continue }
        name = Self.parameter("name", in: text)
        fileName = Self.parameter("filename", in: text)
        isFile = fileName != nil
        if isFile { return }
      case .body(let bytes):
        value += bytes
        guard value.count <= Self.fieldLimit else { throw Problem.malformed }
      case .end:
        guard let field = name, fields.count < Self.maxFields else { throw Problem.malformed }
        fields[field] = String(decoding: value, as: UTF8.self)
        (name, value) = (nil, [])
      }
    }
    throw Problem.noFile
  }

  /// The file part's bytes, until its end.
  var file: FilePart { FilePart(upload: self) }

  struct FilePart: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    static let chunk = 64 * 1024
    let upload: MultipartUpload

    struct AsyncIterator: AsyncIteratorProtocol {
      let upload: MultipartUpload
      var done = false

      /// The parser hands the body over in pieces cut at every CR byte (a boundary might start there),
      /// about 256 bytes in a video; they are joined into chunks of up to 64 KiB before being passed on.
      mutating func next() async throws -> [UInt8]? {
        guard !done else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(FilePart.chunk)
        while out.count < FilePart.chunk, let event = try await upload.next() {
          switch event {
          case .body(let bytes): out += bytes
          case .end:
            done = true
            return out.isEmpty ? nil : out
          case .header: continue
          }
        }
        if out.isEmpty { done = true }
        return out.isEmpty ? nil : out
      }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(upload: upload) }
  }

  /// Reads whatever is left of the body, so the answer can be sent on a connection the browser still
  /// listens to.
  func drain() async {
    while (try? await next()) != nil {}
  }

  /// A parameter of a Content-Disposition value (`name="kind"`), unquoted.
  static func parameter(_ key: String, in value: String) -> String? {
    for part in value.split(separator: ";").dropFirst() {
      let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard pair.count == 2, pair[0].lowercased() == key else { continue }
      var text = pair[1]
      if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
      return text
    }
    return nil
  }
}

extension MultipartUpload {
  /// An upload form's one way through (the policy was asked first, by the caller): the fields before the
  /// file (its token first of all), then `keep` streams the file's bytes to storage. A refusal comes back
  /// to `refused` with the fields kept and the problem at its field, after reading what is left of the body
  /// (so the browser sees the answer); a body that cannot be read is 400 and keeps nothing.
  static func receive(
    _ req: Request, missingFile: String,
    keep: (MultipartUpload, FormState) async throws -> Response,
    refused: (FormState, HTTPStatus) async throws -> Response
  ) async throws -> Response {
    guard let upload = try? MultipartUpload(req) else { throw Abort(.badRequest, reason: "The form could not be read") }
    var state = FormState()
    do {
      do {
        try await upload.readFields()
      } catch MultipartUpload.Problem.noFile {
        try req.checkStreamedCSRF(upload.fields["csrf_token"])
        state.values = FormState.joiningDates(upload.fields.filter { $0.key != "csrf_token" })
        throw CareError.invalid("file", missingFile)
      } catch is MultipartUpload.Problem {
        throw Abort(.badRequest, reason: "The form could not be read")
      }
      try req.checkStreamedCSRF(upload.fields["csrf_token"])
      state.values = FormState.joiningDates(upload.fields.filter { $0.key != "csrf_token" })
      let response = try await keep(upload, state)
      await upload.drain()
      return response
    } catch is MultipartUpload.Problem {
      // Broken framing, or a body cut off before its end: nothing of it was kept.
      throw Abort(.badRequest, reason: "The form could not be read")
    } catch let error as CareError where error != .notFound && error != .forbidden {
      await upload.drain()
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await refused(state, status)
    }
  }
}
