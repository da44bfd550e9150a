"""Draw the default link-preview image (OpenGraph/Twitter): docs/assets/images/social-card.png.

    python scripts/social_card.py

1200 × 630 px, the size link previews expect; Korean text in NanumGothic from koreanize-matplotlib.
"""

from __future__ import annotations

from pathlib import Path

import koreanize_matplotlib  # noqa: F401  (NanumGothic)
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

TARGET = Path(__file__).resolve().parent.parent / "docs" / "assets" / "images" / "social-card.png"


def main() -> None:
    fig = plt.figure(figsize=(12, 6.3), dpi=100)
    fig.patch.set_facecolor("#283593")
    fig.text(0.07, 0.66, "나란히", color="white", fontsize=64, fontweight="bold")
    fig.text(0.07, 0.47, "TensorFlow와 PyTorch를 나란히 배우는 한국어 블로그", color="white",
             fontsize=30)  # fmt: skip
    promise = "모든 코드는 실행되고 · 출력은 진짜이고 · 두 구현이 같다는 증거가 있습니다"
    fig.text(0.07, 0.28, promise, color="#ffcc80", fontsize=21)
    fig.text(0.07, 0.10, "TensorFlow  │  PyTorch", color="#c5cae9", fontsize=24, family="monospace")
    fig.savefig(TARGET, facecolor=fig.get_facecolor(), metadata={"Software": None})
    print(f"wrote {TARGET.relative_to(TARGET.parents[3])}")


if __name__ == "__main__":
    main()
