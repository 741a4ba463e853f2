import MultipartKit
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

  private enum Event {
    case header(String, String)
    case body([UInt8])
    case end
  }

  private var body: Request.Body.AsyncIterator
  private let parser: MultipartParser
  private var events: [Event] = []
  private var index = 0
  private var exhausted = false

  /// The fields before the file, and the file part's own name in the form (not its file name, never used).
  private(set) var fields: [String: String] = [:]
  private(set) var fileField: String?

  init(_ req: Request) throws {
    guard let type = req.headers.contentType, type.type == "multipart", type.subType == "form-data",
      let boundary = type.parameters["boundary"], !boundary.isEmpty
    else { throw Problem.malformed }
    body = req.body.makeAsyncIterator()
    parser = MultipartParser(boundary: boundary)
    parser.onHeader = { [unowned self] name, value in events.append(.header(name, value)) }
    parser.onBody = { [unowned self] buffer in
      events.append(.body(buffer.readBytes(length: buffer.readableBytes) ?? []))
    }
    parser.onPartComplete = { [unowned self] in events.append(.end) }
  }

  private func next() async throws -> Event? {
    while index == events.count {
      events.removeAll(keepingCapacity: true)
      index = 0
      guard !exhausted else { return nil }
      guard let buffer = try await body.next() else {
        exhausted = true
        return nil
      }
      do { try parser.execute(buffer) } catch { throw Problem.malformed }
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
        isFile = Self.parameter("filename", in: text) != nil
        if isFile {
          fileField = name
          return
        }
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
    let upload: MultipartUpload

    struct AsyncIterator: AsyncIteratorProtocol {
      let upload: MultipartUpload
      var done = false

      mutating func next() async throws -> [UInt8]? {
        while !done, let event = try await upload.next() {
          switch event {
          case .body(let bytes): return bytes
          case .end: done = true
          case .header: continue
          }
        }
        done = true
        return nil
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
