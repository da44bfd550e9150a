# 고정 크기 문맥 벡터의 한계를 잽니다: 이 글의 모델(어텐션 없음)과 14편의 모델
# (Bahdanau 어텐션)을 같은 문장, 같은 설정으로 학습해 입력 길이별 정확도를 비교합니다.
# 두 글의 PyTorch 프로그램을 parity.py처럼 섹션 단위로 그대로 실행합니다.
# 실행: python bottleneck.py   (sidebyside 패키지가 필요합니다: pip install -e .)

# --8<-- [start:train-both]
import sys
from pathlib import Path

from sidebyside.sections import ProgramSections

HERE = Path(__file__).resolve().parent
ATTENTION_POST = HERE.parent / "seq2seq-attention"  # 14편의 폴더

# 13편: 페이지의 PyTorch 코드를 학습과 디코딩 함수까지 그대로 실행합니다
plain = ProgramSections(HERE / "pytorch_code.py").run(
    "data", "model", "teacher-forcing", "loss", "step", "train", "decode"
)

# 14편: 그 글의 data.py로 실행해야 하므로 같은 이름의 모듈을 잠시 바꿔 끼웁니다
own_data = sys.modules.pop("data")
sys.path.insert(0, str(ATTENTION_POST))
try:
    attention = ProgramSections(ATTENTION_POST / "pytorch_code.py").run(
        "data", "model", "step", "train", "decode"
    )
finally:
    sys.path.remove(str(ATTENTION_POST))
    sys.modules["data"] = own_data

# 같은 조건인지 확인합니다: 문장 쌍과 하이퍼파라미터가 모두 같아야 공정합니다
settings = ("EMBED_DIM", "UNITS", "LEARNING_RATE", "STEPS")
assert all(getattr(plain, n) == getattr(attention, n) for n in settings)
assert plain.TRAIN_PAIRS == attention.TRAIN_PAIRS
assert plain.TEST_PAIRS == attention.TEST_PAIRS
print(
    "같은 학습 문장",
    len(plain.TRAIN_PAIRS),
    "개, 같은 평가 문장",
    len(plain.TEST_PAIRS),
    "개",
)
print("같은 설정:", ", ".join(f"{n} = {getattr(plain, n)}" for n in settings))
last = plain.losses[-1], attention.losses[-1]
print(f"마지막 손실: 어텐션 없음 {last[0]:.4f}, 어텐션 {last[1]:.4f}")
# --8<-- [end:train-both]

# --8<-- [start:by-length]
import matplotlib.pyplot as plt
import torch

from data import (
    TEST_PAIRS,
    TGT_LEN,
    TRAIN_PAIRS,
    accuracy_by_length,
    make_arrays,
    tokens,
)

MODELS = {"13편: 어텐션 없음": plain, "14편: Bahdanau 어텐션": attention}
SPLITS = {"학습": TRAIN_PAIRS, "평가": TEST_PAIRS}  # 평가 문장은 처음 보는 조합
accuracy = {}
for model_name, program in MODELS.items():
    for split_name, pairs in SPLITS.items():
        src = torch.from_numpy(make_arrays(pairs)[0])
        decoded = program.translate(src, TGT_LEN)
        if isinstance(decoded, tuple):  # 14편의 translate는 어텐션 가중치도 돌려줍니다
            decoded = decoded[0]
        accuracy[model_name, split_name] = accuracy_by_length(decoded, pairs)

lengths = sorted(accuracy["13편: 어텐션 없음", "학습"])
counts = [sum(len(tokens(e)) == n for e, _ in TEST_PAIRS) for n in lengths]
print("입력 단어 수 ", " ".join(f"{n:4d}" for n in lengths))
print("평가 문장 수 ", " ".join(f"{c:4d}" for c in counts))
for (model_name, split_name), by_length in accuracy.items():
    row = " ".join(f"{by_length[n]:4.0%}" for n in lengths)
    print(f"{model_name[:3]} {split_name}   ", row)

fig, axes = plt.subplots(1, 2, figsize=(6.4, 3.2), sharey=True)
for ax, split_name in zip(axes, SPLITS):
    for model_name, color in zip(MODELS, ("tab:gray", "tab:green")):
        values = [accuracy[model_name, split_name][n] for n in lengths]
        ax.plot(lengths, values, marker="o", color=color, label=model_name)
    ax.set_title("학습 문장" if split_name == "학습" else "처음 보는 평가 문장")
    ax.set_xlabel("입력 단어 수")
    ax.set_xticks(lengths)
    ax.set_ylim(-0.03, 1.03)
axes[0].set_ylabel("문장 정확도")
axes[0].legend(fontsize=9, loc="lower left")
fig.tight_layout()
plt.show()
# --8<-- [end:by-length]
