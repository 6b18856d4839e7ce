"""Writes a DICOM corpus with pydicom, for dicom-index.sh: files MedLake did not write.

    python3 Benchmarks/pydicom_corpus.py COUNT FOLDER

Each file is a CT, MR or CR instance with the header a scanner would send (about 60 elements: UIDs, dates,
times, person names, decimal and integer strings, US/SS/FD values, a nested sequence, a private block) and a
64² to 128² 16-bit image. Studies hold 4 series of up to 50 instances. A quarter of the files use implicit VR
little endian, the rest explicit. Deterministic: the same COUNT gives the same files.
"""
import random
import sys
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, PYDICOM_IMPLEMENTATION_UID

SOP_CLASSES = {
    "CT": "1.2.840.10008.5.1.4.1.1.2",
    "MR": "1.2.840.10008.5.1.4.1.1.4",
    "CR": "1.2.840.10008.5.1.4.1.1.1",
}
BODY_PARTS = ["CHEST", "HEAD", "ABDOMEN", "PELVIS", "KNEE", "SPINE"]
ROOT = "1.2.826.0.1.3680043.8.498."


def instance(index: int, rng: random.Random) -> Dataset:
    study, series, number = index // 200, (index // 50) % 4, index % 50 + 1
    modality = ["CT", "MR", "CR"][study % 3]
    side = [64, 96, 128][index % 3]
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SOP_CLASSES[modality]
    meta.MediaStorageSOPInstanceUID = f"{ROOT}{study}.{series}.{number}"
    meta.TransferSyntaxUID = ImplicitVRLittleEndian if index % 4 == 0 else ExplicitVRLittleEndian
    meta.ImplementationClassUID = PYDICOM_IMPLEMENTATION_UID

    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyDate = f"2024{1 + study % 12:02d}{1 + study % 28:02d}"
    ds.SeriesDate = ds.StudyDate
    ds.ContentDate = ds.StudyDate
    ds.StudyTime = f"{8 + study % 10:02d}{study % 60:02d}00.{index % 1000:03d}"
    ds.ContentTime = ds.StudyTime
    ds.AccessionNumber = f"ACC{study:07d}"
    ds.Modality = modality
    ds.Manufacturer = ["Siemens Healthineers", "GE MEDICAL SYSTEMS", "Philips"][study % 3]
    ds.InstitutionName = "Hôpital Général de Test"
    ds.ReferringPhysicianName = "Müller^Anna^^Dr."
    ds.StudyDescription = f"{BODY_PARTS[study % 6].title()} {modality} study {study}"
    ds.SeriesDescription = f"Series {series} {['axial', 'coronal', 'sagittal', 'scout'][series]}"
    ds.PatientName = f"Doe^Jane{study % 97}^Q"
    ds.PatientID = f"PID-{study % 5000:06d}"
    ds.PatientBirthDate = f"19{40 + study % 60:02d}0101"
    ds.PatientSex = "FO"[study % 2]
    ds.PatientAge = f"{20 + study % 70:03d}Y"
    ds.PatientWeight = f"{50 + rng.random() * 50:.1f}"
    ds.BodyPartExamined = BODY_PARTS[study % 6]
    ds.SliceThickness = f"{[0.625, 1.25, 2.5, 5.0][series]}"
    ds.KVP = "120"
    ds.ProtocolName = f"Routine {BODY_PARTS[study % 6].lower()}"
    ds.StudyInstanceUID = f"{ROOT}{study}"
    ds.SeriesInstanceUID = f"{ROOT}{study}.{series}"
    ds.StudyID = str(study)
    ds.SeriesNumber = series + 1
    ds.InstanceNumber = number
    ds.ImagePositionPatient = [f"{-250 + rng.random():.6f}", "-250.0", f"{number * 2.5:.4f}"]
    ds.ImageOrientationPatient = ["1", "0", "0", "0", "1", "0"]
    ds.FrameOfReferenceUID = f"{ROOT}{study}.9"
    ds.PositionReferenceIndicator = ""
    ds.SliceLocation = f"{number * 2.5:.4f}"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = side
    ds.Columns = side
    ds.PixelSpacing = [f"{0.5 + series / 10:.3f}", f"{0.5 + series / 10:.3f}"]
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.WindowCenter = ["40", "400"]
    ds.WindowWidth = ["400", "1500"]
    ds.RescaleIntercept = "-1024"
    ds.RescaleSlope = "1"
    code = Dataset()
    code.CodeValue = "113691"
    code.CodingSchemeDesignator = "DCM"
    code.CodeMeaning = "IEC Body Dosimetry Phantom"
    item = Dataset()
    item.ReferencedSOPClassUID = ds.SOPClassUID
    item.ReferencedSOPInstanceUID = f"{ROOT}{study}.{series}.{max(1, number - 1)}"
    item.PurposeOfReferenceCodeSequence = Sequence([code])
    ds.ReferencedImageSequence = Sequence([item])
    block = ds.private_block(0x0029, "PYDICOM BENCH", create=True)
    block.add_new(0x01, "LO", f"private {index}")
    block.add_new(0x02, "OB", bytes(rng.getrandbits(8) for _ in range(64)))
    ds.PixelData = bytes(side * side * 2)
    return ds


def main() -> None:
    count, folder = int(sys.argv[1]), Path(sys.argv[2])
    rng = random.Random(2024)
    for index in range(count):
        ds = instance(index, rng)
        path = folder / f"study{index // 200:04d}" / f"{index:06d}.dcm"
        path.parent.mkdir(parents=True, exist_ok=True)
        ds.save_as(path, implicit_vr=ds.file_meta.TransferSyntaxUID == ImplicitVRLittleEndian,
                   little_endian=True, enforce_file_format=True)
    print(f"wrote {count} files into {folder}")


if __name__ == "__main__":
    main()
