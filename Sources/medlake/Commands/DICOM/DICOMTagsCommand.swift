import ArgumentParser
import DICOM
import Foundation
import TUI

/// `medlake dicom tags FILE… --tag PatientID --tag 0008,0060`: print selected values, tab-separated.
struct DICOMTagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags",
        abstract: "Print selected top-level values of DICOM files, one tab-separated line per file."
    )

    @Option(name: .long, help: "A keyword (PatientID) or a tag (0010,0020); repeat for several.",
            transform: Self.parseTag)
    var tag: [AttributeTag]

    @Argument(help: "DICOM files to read, or folders to read every file below (in name order).")
    var files: [String] = []

    /// Thousands of names are better given this way: ArgumentParser takes time quadratic in the number of
    /// arguments (2,000 names: 0.2 s), which made `xargs medlake dicom tags` slower than reading the files.
    @Option(name: .customLong("files-from"),
            help: "Also read the files or folders listed in this file, one per line ('-': standard input).")
    var filesFrom: String?

    func validate() throws {
        if tag.isEmpty { throw ValidationError("Please name at least one '--tag'.") }
        if files.isEmpty, filesFrom == nil { throw ValidationError("Please give files or folders, or '--files-from'.") }
    }

    static func parseTag(_ text: String) throws -> AttributeTag {
        if let tag = AttributeTag(hex: text) ?? DataDictionary.tag(forKeyword: text) { return tag }
        throw ValidationError("'\(text)' is neither a keyword from the data dictionary nor a tag like 0010,0020.")
    }

    /// Lines are built as bytes in one buffer and written in large blocks: at thousands of files a second,
    /// a `String` per value and a `print` per line cost more than parsing the files.
    func run() throws {
        let options = ParseOptions.selected(tag)
        var output = TagLines(tags: tag)
        var failed = false
        for path in try Self.expand(files + listedFiles()) {
            do {
                let file = try DICOMReader.read(path: path, options: options)
                output.append(path: path, dataSet: file.dataSet)
                if let error = file.error { throw error }
            } catch {
                failed = true
                output.flush()
                FileHandle.standardError.write(Data((SafeText.sanitize("\(error)") + "\n").utf8))
            }
        }
        output.flush()
        if failed { throw ExitCode(1) }
    }

    /// The non-empty lines of the `--files-from` list.
    private func listedFiles() throws -> [String] {
        guard let filesFrom else { return [] }
        let data = filesFrom == "-"
            ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: filesFrom))
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// `paths` with every folder replaced by the regular files below it (sorted by name in each folder).
    ///
    /// One `lstat` per entry, and no `FileManager` enumerator: its attribute dictionaries cost more than
    /// reading the files' headers. Links to files are read; links to folders are not followed (no loops),
    /// and FIFOs, sockets and devices are never opened (opening a FIFO would block).
    static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        func visit(_ folder: String) throws {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
                let path = folder + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: try visit(path)
                case S_IFREG: files.append(path)
                case S_IFLNK where stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG: files.append(path)
                default: continue
                }
            }
        }
        for path in paths {
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                try visit(path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path)
            } else {
                files.append(path)
            }
        }
        return files
    }
}

/// The tab-separated lines of `dicom tags`, kept as terminal-safe UTF-8 in a reusable buffer.
struct TagLines {
    let tags: [AttributeTag]
    private var buffer: [UInt8] = []
    /// Written out when the buffer grows past this.
    private static let blockSize = 1 << 16

    init(tags: [AttributeTag]) {
        self.tags = tags
        buffer.reserveCapacity(Self.blockSize + 4096)
    }

    /// Appends `path` and the values of ``tags`` in `dataSet` (several values joined by `\`) as one line.
    mutating func append(path: String, dataSet: DataSet) {
        appendSafe { $0.append(contentsOf: path.utf8) }
        for tag in tags {
            buffer.append(0x09)
            if let element = dataSet[tag] {
                appendSafe { element.appendJoinedText(to: &$0, characterSet: dataSet.characterSet) }
            }
        }
        buffer.append(0x0A)
        if buffer.count >= Self.blockSize { flush() }
    }

    /// Writes what is buffered to standard output.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Runs `write` on the buffer, then sanitizes what it appended unless it is all printable ASCII:
    /// only then can it hold something a terminal would act on (see `SafeText`).
    private mutating func appendSafe(_ write: (inout [UInt8]) -> Void) {
        let start = buffer.count
        write(&buffer)
        guard buffer[start...].contains(where: { $0 < 0x20 || $0 >= 0x7F }) else { return }
        let safe = SafeText.sanitize(String(decoding: buffer[start...], as: UTF8.self))
        buffer.replaceSubrange(start..., with: safe.utf8)
    }
}
