import Foundation

/// A small, valid one-page PDF (A4, Helvetica) with a title and lines of text: the demo's documents, made
/// here rather than shipped as files.
enum DemoPDF {
  static func make(title: String, lines: [String]) -> [UInt8] {
    func escaped(_ text: String) -> String {
      String(text.unicodeScalars.map { $0.isASCII ? Character($0) : "?" })
        .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
        .replacingOccurrences(of: ")", with: "\\)")
    }
    var text = "BT /F1 20 Tf 56 770 Td (\(escaped(title))) Tj ET\n"
    for (index, line) in lines.enumerated() {
      text += "BT /F1 12 Tf 56 \(730 - index * 20) Td (\(escaped(line))) Tj ET\n"
    }
    let objects = [
      "<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        + "/Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Length \(text.utf8.count) >>\nstream\n\(text)endstream",
    ]
    var out = "%PDF-1.4\n"
    var offsets: [Int] = []
    for (index, object) in objects.enumerated() {
      offsets.append(out.utf8.count)
      out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
    }
    let xref = out.utf8.count
    out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
    out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return Array(out.utf8)
  }
}
