# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy와 scikit-learn만 씁니다).
# 양쪽이 이 파일에서 똑같은 배열을 받으므로 학습 데이터와 순서가 같다는 것이 보장됩니다.

# --8<-- [start:load]
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

# 손글씨 숫자 1797장, 8×8 흑백, 밝기 0–16. scikit-learn 패키지에 들어 있습니다.
digits = load_digits()
images = (digits.images / 16.0).astype(np.float32)  # (1797, 8, 8), 0–1 범위

# 고정된 분할: 학습 80 %, 평가 20 %. 숫자별 비율은 유지합니다(stratify).
X_TRAIN, X_TEST, Y_TRAIN, Y_TEST = train_test_split(
    images, digits.target, test_size=0.2, stratify=digits.target, random_state=0
)
HEIGHT, WIDTH = X_TRAIN.shape[1:]  # 8, 8
N_CLASSES = 10
# --8<-- [end:load]

# --8<-- [start:hparams]
import os

FILTERS = (16, 32)  # 합성곱 층 두 개의 출력 채널 수
KERNEL_SIZE = 3
BATCH_SIZE = 64
EPOCHS = 15
LEARNING_RATE = 0.02  # 모멘텀 SGD: 두 프레임워크의 갱신 식이 같습니다
MOMENTUM = 0.9

# 동등성 검증 모드에서는 드롭아웃을 끕니다. 두 프레임워크의 난수 마스크는
# 서로 맞출 수 없기 때문입니다. 평소 실행에서는 0.3을 씁니다.
PARITY_MODE = os.environ.get("SIDEBYSIDE_PARITY_MODE") == "1"
DROPOUT = 0.0 if PARITY_MODE else 0.3
# --8<-- [end:hparams]

# --8<-- [start:order]
# 에포크마다 섞는 순서를 NumPy로 미리 정해 두 프로그램이 똑같이 씁니다
rng = np.random.default_rng(0)
EPOCH_ORDERS = np.stack([rng.permutation(len(X_TRAIN)) for _ in range(EPOCHS)])
STEPS_PER_EPOCH = -(-len(X_TRAIN) // BATCH_SIZE)  # 올림 나눗셈: 마지막 배치는 작습니다
# --8<-- [end:order]

# --8<-- [start:position-code]
# Flatten 순서를 눈으로 보기 위한 작은 텐서: 값 = 100·채널 + 10·행 + 열
# (2×2 크기, 채널 3개를 NHWC 순서로 만듭니다)
rows, cols, chans = np.meshgrid(np.arange(2), np.arange(2), np.arange(3), indexing="ij")
POSITION_CODE = (100 * chans + 10 * rows + cols).astype(np.float32)  # (2, 2, 3)
# --8<-- [end:position-code]
