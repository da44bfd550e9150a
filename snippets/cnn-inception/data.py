# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy와 scikit-learn만 씁니다).
# 양쪽이 이 파일에서 똑같은 배열을 받으므로 학습 데이터와 순서가 같다는 것이 보장됩니다.

# --8<-- [start:load]
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

# 손글씨 숫자 1797장, 8×8 흑백, 밝기 0–16 (7편과 같은 분할)
digits = load_digits()
images = (digits.images / 16.0).astype(np.float32)  # (1797, 8, 8), 0–1 범위
X_TRAIN, X_TEST, Y_TRAIN, Y_TEST = train_test_split(
    images, digits.target, test_size=0.2, stratify=digits.target, random_state=0
)
HEIGHT, WIDTH = X_TRAIN.shape[1:]  # 8, 8
N_CLASSES = 10
# --8<-- [end:load]

# --8<-- [start:hparams]
# Inception 블록의 가지: 1×1, 1×1 → 5×5, 1×1 → 3×3 → 3×3, 평균 풀링 → 1×1
REDUCE = 16  # 1×1 가지와 앞단 1×1 합성곱의 출력 채널
BRANCH = 24  # 5×5, 3×3, 풀링 가지의 출력 채널
BLOCK_OUT = REDUCE + 3 * BRANCH  # 16 + 24 + 24 + 24 = 88
CONV1, CONV2 = 10, 20  # 블록 앞에 두는 3×3 합성곱의 출력 채널
ACTIVATION = "silu"  # 매끄러운 활성화 함수 (글의 모델 절 참고)

BATCH_SIZE = 64
EPOCHS = 10
LEARNING_RATE = 0.02  # 모멘텀 SGD: 두 프레임워크의 갱신 식이 같습니다
MOMENTUM = 0.9
# --8<-- [end:hparams]

# --8<-- [start:order]
# 에포크마다 섞는 순서를 NumPy로 미리 정해 두 프로그램이 똑같이 씁니다
rng = np.random.default_rng(0)
EPOCH_ORDERS = np.stack([rng.permutation(len(X_TRAIN)) for _ in range(EPOCHS)])
STEPS_PER_EPOCH = -(-len(X_TRAIN) // BATCH_SIZE)  # 올림 나눗셈: 마지막 배치는 작습니다
# --8<-- [end:order]

# --8<-- [start:ramp]
# 패딩이 어느 쪽에 들어가는지 보기 위한 4×4 이미지: 값 1–16
RAMP = np.arange(1, 17, dtype=np.float32).reshape(4, 4)
# --8<-- [end:ramp]
