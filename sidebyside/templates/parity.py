# 두 구현이 같은 모델인지 확인합니다: Keras 가중치를 PyTorch로 옮긴 뒤 비교합니다.
# 실행: python parity.py   (sidebyside 패키지가 필요합니다: pip install -e .)

# --8<-- [start:load]
import contextlib
import io
from pathlib import Path

import torch

from sidebyside.parity import FORWARD, SGD_STEPS, check
from sidebyside.sections import load_sections

HERE = Path(__file__).resolve().parent
with contextlib.redirect_stdout(io.StringIO()):  # 학습 반복(train 섹션)은 불러오지 않습니다
    tf_side = load_sections(HERE / "tensorflow_code.py", "model", "step")
    pt_side = load_sections(HERE / "pytorch_code.py", "model", "step")
# --8<-- [end:load]

# --8<-- [start:model]
dense = tf_side.model.layers[0]
with torch.no_grad():
    pt_side.model.weight.copy_(torch.from_numpy(dense.kernel.numpy().T))  # (in, out) → (out, in)
    pt_side.model.bias.copy_(torch.from_numpy(dense.bias.numpy()))

check("model", "예측값", tf_side.model(tf_side.X), pt_side.model(pt_side.x), FORWARD)
# --8<-- [end:model]

# --8<-- [start:train]
tf_losses = [float(tf_side.train_step(tf_side.X, tf_side.Y)) for _ in range(20)]
pt_losses = [pt_side.train_step(pt_side.x, pt_side.y).item() for _ in range(20)]
check("train", "SGD 20단계 손실 궤적", tf_losses, pt_losses, SGD_STEPS)
check("train", "20단계 뒤 가중치", dense.kernel.numpy().T, pt_side.model.weight, SGD_STEPS)
# --8<-- [end:train]
