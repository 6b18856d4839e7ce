"""pydicom peer for dicom-index.sh: dcmread(stop_before_pixels=True) and read the same 16 tags."""
import sys

import pydicom

KEYWORDS = [
    "SOPClassUID", "SOPInstanceUID", "StudyDate", "Modality", "StudyDescription", "SeriesDescription",
    "PatientName", "PatientID", "BodyPartExamined", "StudyInstanceUID", "SeriesInstanceUID", "SeriesNumber",
    "InstanceNumber", "FrameOfReferenceUID", "Rows", "Columns",
]

count = 0
with open(sys.argv[1]) as listing:
    for path in listing:
        dataset = pydicom.dcmread(path.rstrip("\n"), stop_before_pixels=True)
        for keyword in KEYWORDS:
            str(dataset.get(keyword, ""))
        count += 1
print(f"files={count}")
