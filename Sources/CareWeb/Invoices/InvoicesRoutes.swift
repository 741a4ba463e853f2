import CareCases
import CareCore
import Vapor

/// The co-op's invoices (the finance hat): the page (runs and invoices; a new run in two steps: what it
/// would issue and leave out, then yes), one invoice printable, its CSV for a funder's portal, a credit
/// note; the invoice as a tagged PDF made from the same HTML; and the API (a run takes an Idempotency-Key).
enum InvoicesWeb: WebCapability {
  static let openAPI: String? = "invoices"

  static func pages(_ r: PageRoutes) {
    r.get(.invoices, InvoicesController.show)
    r.post(.invoiceRuns, InvoicesController.run)
    r.get(.invoice(.key), InvoicesController.invoice)
    r.get(.invoiceCSV(.key), InvoicesController.csv)
    r.get(.invoicePDF(.key), InvoicesController.pdf)
    r.post(.invoiceCredit(.key), InvoicesController.credit)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.invoices) { req async throws -> [DTO.InvoiceOut] in
      try await req.cases.invoices(by: try await req.actor()).invoices.map(DTO.InvoiceOut.init)
    }
    v1.post(.invoiceRuns) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayInvoice(by: actor)
      let key = try req.idempotencyKey()
      let body = try req.content.decode(DTO.InvoiceRunIn.self)
      let (run, replayed) = try await req.cases.issueInvoices(
        from: body.from, through: body.through, key: key, by: actor)
      let response = try await DTO.InvoiceRunOut(run).encodeResponse(status: .created, for: req)
      if replayed { response.headers.markReplayed() }
      return response
    }
    v1.get(.invoice(.key)) { req async throws -> DTO.InvoiceOut in
      DTO.InvoiceOut(try await req.cases.invoice(try req.id(), by: try await req.actor()).invoice)
    }
    v1.get(.invoicePDF(.key), InvoicesController.pdf)
    v1.post(.invoiceCredit(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayInvoice(by: actor)
      let body = try req.content.decode(DTO.CreditIn.self)
      let note = try await req.cases.creditInvoice(try req.id(), reason: body.reason, by: actor)
      return try await DTO.InvoiceOut(note).encodeResponse(status: .created, for: req)
    }
  }
}

extension DTO {
  struct InvoiceRunIn: Content {
    let from: Day
    let through: Day
  }

  struct CreditIn: Content {
    let reason: String
  }

  struct InvoiceOut: Content {
    let id: String
    let reference: String
    let series: String
    let number: Int
    let funder: String
    let funderName: String
    let from: String
    let through: String
    let issuedAt: Date
    let runID: String
    let minutes: Int
    let pence: Int
    let credits: String?
    let reason: String?
    let lines: [InvoiceLineOut]

    init(_ i: Invoice) {
      (id, reference, series, number) = (i.id.description, i.reference, i.series.rawValue, i.number)
      (funder, funderName, from, through) = (i.funder.rawValue, i.funderName, i.from.iso, i.through.iso)
      (issuedAt, runID, minutes, pence) = (i.issuedAt, i.runID.uuidString.lowercased(), i.minutes, i.pence)
      (credits, reason) = (i.credits?.description, i.reason)
      lines = i.lines.map(InvoiceLineOut.init)
    }
  }

  struct InvoiceLineOut: Content {
    let personID: String
    let agreementID: String
    let visitKey: String
    let day: String
    let minutes: Int
    let hourlyPence: Int
    let pence: Int

    init(_ l: InvoiceLine) {
      (personID, agreementID, visitKey, day) = (
        l.personID.description, l.agreementID.description, l.visitKey, l.day.iso
      )
      (minutes, hourlyPence, pence) = (l.minutes, l.hourlyPence, l.pence)
    }
  }

  struct InvoiceRunOut: Content {
    let id: String
    let from: String
    let through: String
    let ranAt: Date
    let invoices: [InvoiceOut]
    let leftOut: [LeftOutOut]

    init(_ r: InvoiceRun) {
      (id, from, through, ranAt) = (r.id.uuidString.lowercased(), r.period.from.iso, r.period.through.iso, r.ranAt)
      invoices = r.invoices.map(InvoiceOut.init)
      leftOut = r.leftOut.map(LeftOutOut.init)
    }
  }

  struct LeftOutOut: Content {
    let personID: String
    let visitKey: String
    let day: String
    let start: Int
    let minutes: Int
    let why: String

    init(_ v: LeftOutVisit) {
      (personID, visitKey, day, start, minutes, why) = (
        v.personID.description, v.visitKey, v.day.iso, v.start, v.minutes, v.why.rawValue
      )
    }
  }
}

enum InvoicesController {
  static func show(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), FormState(), .ok)
  }

  static func page(_ req: Request, _ actor: Requester, _ state: FormState, _ status: HTTPStatus) async throws
    -> Response
  {
    let model = try await req.cases.invoices(by: actor)
    var state = state
    if state.values.isEmpty {
      state.values = ["from": model.suggested.from.iso, "through": model.suggested.through.iso]
    }
    return InvoicesPage(
      layout: req.layout("Invoices", crumbs: [.init(label: "Home", url: .home)], hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: req.url.query.flatMap(InvoicesPage.Notice.init(rawValue:))
    ).response(status)
  }

  /// A run on the page, in two steps: first what it would issue and leave out (nothing kept), then, with
  /// `confirm=yes`, issued.
  static func run(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try req.cases.checkMayInvoice(by: actor)
    var state = try req.formState()
    do {
      let (from, through) = try RunDays.read(state)
      if state["confirm"] == "yes" {
        let run = try await req.cases.issueInvoices(from: from, through: through, by: actor).run
        return req.redirect(
          to: SiteURL.invoices.path + "?issued#run-\(run.id.uuidString.lowercased())", redirectType: .normal)
      }
      let preview = try await req.cases.previewInvoices(from: from, through: through, by: actor)
      return InvoiceRunPage(
        layout: req.layout(
          "Issue invoices for \(preview.period.from.longText) to \(preview.period.through.longText)?",
          crumbs: [.init(label: "Home", url: .home), .init(label: "Invoices", url: .invoices)]),
        preview: preview
      ).response()
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await page(req, actor, state, status)
    }
  }

  static func invoice(_ req: Request) async throws -> Response {
    try await invoicePage(req, try await req.actor(), try req.id(), FormState(), .ok)
  }

  static func invoicePage(
    _ req: Request, _ actor: Requester, _ id: ID<Invoice>, _ state: FormState, _ status: HTTPStatus
  ) async throws -> Response {
    let model = try await req.cases.invoice(id, by: actor)
    return InvoicePage(
      layout: req.layout(
        "\(model.invoice.series.label) \(model.invoice.reference)",
        crumbs: [.init(label: "Home", url: .home), .init(label: "Invoices", url: .invoices)],
        hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: req.url.query == "credited", makesPDFs: !(req.care.printer is NoPrinter)
    ).response(status)
  }

  /// The invoice as a PDF, printed by Chromium from the page's own HTML (what Print → Save as PDF gives),
  /// so the paper, the PDF and the page never differ.
  static func pdf(_ req: Request) async throws -> Response {
    let model = try await req.cases.invoice(try req.id(), by: try await req.actor())
    let i = model.invoice
    let layout = Layout(title: "\(i.series.label) \(i.reference) from \(model.coop.name)", account: nil, csrf: "")
    let page = InvoicePage(layout: layout, model: model, state: FormState(), notice: false, makesPDFs: false)
    let html = layout.renderForPrint(page.body, siteURL: req.care.config.publicURL)
    return pdfResponse(try await req.care.printer.pdf(html: html), filename: "\(i.reference).pdf")
  }

  static func csv(_ req: Request) async throws -> Response {
    let model = try await req.cases.invoice(try req.id(), by: try await req.actor())
    return csvResponse(model.csv, filename: "\(model.invoice.reference).csv")
  }

  static func credit(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try req.cases.checkMayInvoice(by: actor)
    let id: ID<Invoice> = try req.id()
    var state = try req.formState()
    do {
      let note = try await req.cases.creditInvoice(id, reason: state["reason"], by: actor)
      return req.redirect(to: SiteURL.invoice(.value(note.id)).path + "?credited", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await invoicePage(req, actor, id, state, status)
    }
  }
}
