// libFuzzer entry point for the Genomics readers: every input is inspected in full and header-only
// mode and sniffed. Built by Fuzz/run-genomics.sh together with the Genomics sources as one module.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = GenomicInspector().inspect(bytes: bytes, name: "fuzz")
    _ = GenomicInspector(headerOnly: true).inspect(bytes: bytes, name: "fuzz")
    _ = GenomicFormat.sniff(bytes: bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    _ = SAMHeader(text: text).programChains
    _ = VCFHeader(text: text)
    _ = try? SampleSheet(text: text)
    _ = FASTQFileName(text)
    return 0
}
