import Foundation
import Vapor

/// Turns a page's HTML into a PDF: an effect, so the app runs without it (the page then says how to print
/// from the browser) and a test can choose the real one.
protocol PDFPrinter: Sendable {
  func pdf(html: String) async throws -> Data
}

/// Why no PDF was made. The web edge answers 503 with these words (the page's own Print still works).
enum PrintError: Error, Equatable {
  /// No Chromium on this server (`CARECOOP_CHROMIUM`).
  case unavailable
  /// Too many PDFs being made at once: try again in a moment.
  case busy
  /// Chromium ran but gave no PDF (it crashed, or took longer than a minute).
  case failed

  var message: String {
    switch self {
    case .unavailable:
      "This server cannot make PDFs. Open the page and use your browser's Print, then choose Save as PDF."
    case .busy: "Many PDFs are being made just now. Try again in a minute."
    case .failed: "The PDF could not be made. Try again; if it fails again, use your browser's Print."
    }
  }
}

/// Chromium's own print, as a person gets with Print → Save as PDF, run headless on the server: A4 from
/// the page's `@page` rule, tagged (headings, tables and the language are in the PDF's structure, so a
/// screen reader can read it) and titled from the page. The page is written to a private folder with its
/// stylesheet inline and a Content-Security-Policy that lets nothing load and no script run, so printing
/// never reaches the network. (Chromium's own switch for scripts, `--blink-settings=scriptEnabled=false`,
/// stops `--print-to-pdf` writing anything: measured, Chromium 156.) Each print takes 1–2 s and ~100 MB: two run at once, eight more wait, the rest are
/// told to try again.
struct ChromiumPrinter: PDFPrinter {
  let path: String
  let gate = WorkGate(slots: 2, queue: 8)
  let timeout: TimeInterval = 60

  /// Where Chromium is usually installed, in the order tried when `CARECOOP_CHROMIUM` is unset.
  static let usualPaths = [
    "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
    "/snap/bin/chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  ]

  static func installed() -> String? {
    usualPaths.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  func pdf(html: String) async throws -> Data {
    guard await gate.enter() else { throw PrintError.busy }
    do {
      let data = try await print(html)
      await gate.leave()
      return data
    } catch {
      await gate.leave()
      throw error
    }
  }

  private func print(_ html: String) async throws -> Data {
    let files = FileManager.default
    let folder = files.temporaryDirectory.appendingPathComponent("carecoop-print-\(UUID().uuidString)")
    try files.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    defer { try? files.removeItem(at: folder) }
    let page = folder.appendingPathComponent("page.html")
    let out = folder.appendingPathComponent("page.pdf")
    try Data(html.utf8).write(to: page)
    var arguments = [
      "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
      "--disable-background-networking", "--disable-sync", "--disable-component-update", "--mute-audio",
      "--no-pdf-header-footer", "--user-data-dir=\(folder.path)/profile",
      "--print-to-pdf=\(out.path)", page.absoluteString,
    ]
    // Chromium's sandbox refuses to start as root (CI, some containers); elsewhere it stays on.
    if getuid() == 0 { arguments.insert("--no-sandbox", at: 1) }
    let status = try await Self.run(path, arguments, timeout: timeout)
    guard status == 0, let data = try? Data(contentsOf: out), data.starts(with: Array("%PDF-".utf8)) else {
      throw PrintError.failed
    }
    return data
  }

  /// Runs a program to its end (killed after `timeout` seconds), its output thrown away; its exit status.
  private static func run(_ path: String, _ arguments: [String], timeout: TimeInterval) async throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let running = Running(process)
    return try await withCheckedThrowingContinuation { continuation in
      process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
      do {
        try process.run()
      } catch {
        process.terminationHandler = nil
        continuation.resume(throwing: PrintError.unavailable)
        return
      }
      DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { running.stop() }
    }
  }

  /// The process, handed to the timer that stops it.
  private final class Running: @unchecked Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
    func stop() { if process.isRunning { process.terminate() } }
  }
}

/// No Chromium here: every print says so.
struct NoPrinter: PDFPrinter {
  func pdf(html: String) async throws -> Data { throw PrintError.unavailable }
}

/// A PDF answer: shown in the browser (`inline`) under a name to save it by, never cached (it holds
/// people's names and money).
func pdfResponse(_ data: Data, filename: String) -> Response {
  var headers = HTTPHeaders()
  headers.replaceOrAdd(name: .contentType, value: "application/pdf")
  headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(filename)\"")
  headers.replaceOrAdd(name: .cacheControl, value: "no-store")
  return Response(status: .ok, headers: headers, body: .init(data: data))
}
