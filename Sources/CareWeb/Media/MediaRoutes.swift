import CareCases
import CareCore
import NIOCore
import Vapor

/// Photos, voice notes and videos kept with the person's records under their consent: the page that lists
/// them with the consents (given and withdrawn there), the upload (streamed, API), and the bytes themselves
/// with range requests, so a phone can seek in a video.
enum MediaWeb: WebCapability {
  static let openAPI: String? = "media"

  static func pages(_ r: PageRoutes) {
    r.get(.teamMedia(.key), MediaController.list)
    r.postStream(.teamMedia(.key), limit: MediaForm.largest, MediaController.upload)
    r.post(.teamMediaConsents(.key), MediaController.giveConsent)
    r.post(.teamMediaConsentWithdraw(.key, .key), MediaController.withdrawConsent)
    r.post(.teamMediaAnswer(.key, .key), MediaController.answer)
    r.get(.mediaContent(.key), MediaController.content)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.teamMedia(.key)) { req async throws -> DTO.MediaOut in
      DTO.MediaOut(try await req.cases.media(try req.id(), by: try await req.actor()))
    }
    v1.postStream(.teamMedia(.key), limit: MediaKind.allCases.map(\.limit).max()!) { req async throws -> Response in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayAddMedia(person, by: actor)  // the policy before a byte is read
      let new = try DTO.MediaUpload.read(req)
      let item = try await req.cases.addMedia(new, person: person, chunks: BodyChunks(body: req.body), by: actor)
      return try await DTO.MediaItemOut(item).encodeResponse(status: .created, for: req)
    }
    v1.post(.teamMediaConsents(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayChangeMediaConsent(person, by: actor)
      let body = try req.content.decode(DTO.MediaConsentIn.self)
      let consent = try await req.cases.giveMediaConsent(
        MediaConsentTerms(kind: body.kind, about: body.about, audience: body.audience, keepDays: body.keepDays),
        person: person, by: actor)
      return try await DTO.MediaConsentOut(consent).encodeResponse(status: .created, for: req)
    }
    v1.post(.teamMediaConsentWithdraw(.key, .key)) { req async throws -> DTO.WithdrawnOut in
      let actor = try await req.actor()
      let consent = try req.id(MediaConsent.self, SiteURL.consentID)
      return DTO.WithdrawnOut(
        removed: try await req.cases.withdrawMediaConsent(consent, person: try req.id(), by: actor))
    }
    v1.post(.teamMediaAnswer(.key, .key)) { req async throws -> DTO.MediaItemOut in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      let item = try req.id(MediaItem.self, SiteURL.mediaID)
      try await req.cases.checkMayChangeMediaConsent(person, by: actor)
      let body = try req.content.decode(DTO.MediaAnswerIn.self)
      return DTO.MediaItemOut(
        try await req.cases.answerMediaRequest(item, answer: try body.decided(), person: person, by: actor))
    }
    v1.get(.mediaContent(.key)) { req async throws -> Response in try await MediaController.content(req) }
  }
}

extension Response.Body {
  /// Chunks sent as the client reads them (a file from storage): a slow phone never makes the server hold it
  /// whole; a chunk that cannot be read ends the response with the error.
  static func streaming(_ chunks: AsyncThrowingStream<[UInt8], any Error>, count: Int) -> Response.Body {
    Response.Body(
      asyncStream: { writer in
        do {
          for try await chunk in chunks { try await writer.writeBuffer(ByteBuffer(bytes: chunk)) }
          try await writer.write(.end)
        } catch {
          try await writer.write(.error(error))
        }
      }, count: count)
  }
}

/// The body of a streamed request as byte chunks, read as they arrive (never collected whole).
struct BodyChunks: AsyncSequence, Sendable {
  typealias Element = [UInt8]
  let body: Request.Body

  struct AsyncIterator: AsyncIteratorProtocol {
    var base: Request.Body.AsyncIterator
    mutating func next() async throws -> [UInt8]? {
      guard var buffer = try await base.next() else { return nil }
      return buffer.readBytes(length: buffer.readableBytes) ?? []
    }
  }

  func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: body.makeAsyncIterator()) }
}

enum MediaController {
  static func list(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), try req.id(), state: FormState(), status: .ok)
  }

  static func page(_ req: Request, _ actor: Requester, _ person: ID<Person>, state: FormState, status: HTTPStatus)
    async throws -> Response
  {
    let model = try await req.cases.media(person, by: actor)
    var state = state
    if state.values.isEmpty {
      state.values = [
        "kind": "photo", "consentKind": "photo", "audience": "workers", "keepDays": "365", "itemAudience": "personOnly",
        "itemKeepDays": "365",
      ]
    }
    return MediaPage(
      layout: req.layout(
        "\(model.personName)'s photos, voice notes and videos", crumbs: MedicineController.crumbs(model.team),
        hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: req.url.query.flatMap(Notice.init(rawValue:))
    ).response(status)
  }

  enum Notice: String {
    case given, withdrawn, added, answered
  }

  /// The upload form (multipart, streamed): the policy first, then the fields before the file (its token
  /// first of all), then the file's bytes straight to storage. A refusal shows the page with the problem,
  /// the fields kept, after reading what is left of the body (so the browser sees the answer).
  static func upload(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    try await req.cases.checkMayAddMedia(person, by: actor)
    return try await MultipartUpload.receive(
      req, missingFile: "Choose a photo, voice note or video to send",
      keep: { upload, state in
        try await req.cases.addMedia(try MediaForm.item(state), person: person, chunks: upload.file, by: actor)
        return req.redirect(to: SiteURL.teamMedia(.value(person)).path + "?added", redirectType: .normal)
      },
      refused: { state, status in try await page(req, actor, person, state: state, status: status) })
  }

  static func giveConsent(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    var state = try req.formState()
    try await req.cases.checkMayChangeMediaConsent(person, by: actor)
    do {
      // Every problem at once: the choices here, the words and numbers as the use case checks them.
      var v = Validator()
      let kind = MediaKind(rawValue: state["consentKind"])
      if kind == nil { v.add("consentKind", "Choose photos, voice notes or videos") }
      v.text(state["about"], field: "about", label: "what it covers", max: 200)
      let audience = MediaAudience(rawValue: state["audience"])
      if audience == nil { v.add("audience", "Choose who may see them") }
      let days = Int(state["keepDays"].trimmingCharacters(in: .whitespaces))
      if days.map({ !MediaConsentTerms.keepRange.contains($0) }) ?? true {
        v.add("keepDays", "Give a number of days from 1 to \(MediaConsentTerms.keepRange.upperBound)")
      }
      try v.check()
      guard let kind, let audience, let days else { throw CareError.invalid(v.errors) }
      try await req.cases.giveMediaConsent(
        MediaConsentTerms(kind: kind, about: state["about"], audience: audience, keepDays: days), person: person,
        by: actor)
      return req.redirect(to: SiteURL.teamMedia(.value(person)).path + "?given", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = CareErrorMiddleware.classify(error).2
      return try await page(req, actor, person, state: state, status: CareErrorMiddleware.classify(error).0)
    }
  }

  static func withdrawConsent(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    let consent = try req.id(MediaConsent.self, SiteURL.consentID)
    _ = try req.formState()
    try await req.cases.withdrawMediaConsent(consent, person: person, by: actor)
    return req.redirect(to: SiteURL.teamMedia(.value(person)).path + "?withdrawn", redirectType: .normal)
  }

  static func answer(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    let item = try req.id(MediaItem.self, SiteURL.mediaID)
    var state = try req.formState()
    try await req.cases.checkMayChangeMediaConsent(person, by: actor)
    do {
      try await req.cases.answerMediaRequest(
        item, answer: try MediaForm.answer(state, item: item), person: person, by: actor)
      return req.redirect(to: SiteURL.teamMedia(.value(person)).path + "?answered", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await page(req, actor, person, state: state, status: status)
    }
  }

  /// The bytes of an item (all, or the one range asked for: 206, or 416 when it lies outside), streamed in
  /// chunks as the client reads them; kept private to the reader and never guessed at by the browser.
  static func content(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.id(MediaItem.self, SiteURL.mediaID)
    let asked = req.headers.first(name: .range).map(ByteRange.parse)
    let content: MediaContent
    do {
      content = try await req.cases.mediaContent(id, range: asked ?? nil, by: actor)
    } catch FileStorageError.outOfRange(let total) {
      let response = Response(status: .rangeNotSatisfiable)
      response.headers.replaceOrAdd(name: .contentRange, value: "bytes */\(total)")
      return response
    }
    let response = Response(status: content.range == nil ? .ok : .partialContent)
    response.headers.replaceOrAdd(name: .contentType, value: content.item.contentType)
    response.headers.replaceOrAdd(name: .acceptRanges, value: "bytes")
    response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
    response.headers.replaceOrAdd(name: .contentDisposition, value: "inline")
    let length = content.range.map { $0.count } ?? content.total
    if let range = content.range {
      response.headers.replaceOrAdd(
        name: .contentRange, value: "bytes \(range.lowerBound)-\(range.upperBound)/\(content.total)")
    }
    response.body = .streaming(content.chunks, count: length)
    return response
  }
}

extension ByteRange {
  /// A `Range` header's one byte range ("bytes=0-499", "bytes=500-", "bytes=-500"); nil for anything else
  /// (several ranges, other units), which is answered with the whole file, as RFC 9110 allows.
  static func parse(_ header: String) -> ByteRange? {
    let text = header.trimmingCharacters(in: .whitespaces)
    guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else { return nil }
    let spec = text.dropFirst(6).trimmingCharacters(in: .whitespaces)
    let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 2 else { return nil }
    let digits = { (s: String) in !s.isEmpty && s.allSatisfy(\.isASCII) && s.allSatisfy(\.isNumber) }
    if parts[0].isEmpty {
      guard digits(parts[1]), let suffix = Int(parts[1]) else { return nil }
      return .suffix(suffix)
    }
    guard digits(parts[0]), let start = Int(parts[0]) else { return nil }
    if parts[1].isEmpty { return .from(start, through: nil) }
    guard digits(parts[1]), let end = Int(parts[1]), end >= start else { return nil }
    return .from(start, through: end)
  }
}
