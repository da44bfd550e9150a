# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy와 scikit-learn만 씁니다).
# 양쪽이 이 파일에서 똑같은 배열과 똑같은 미니배치 순서를 받습니다.

# --8<-- [start:load]
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

# 손으로 쓴 숫자 1797장, 한 장은 8×8 픽셀(밝기 0~16). scikit-learn에 들어 있습니다.
digits = load_digits()
images = (digits.images / 16.0).astype(np.float32)  # (1797, 8, 8), 0~1로
labels = digits.target.astype(np.int64)  # 0~9

# 평가용 357장을 떼면 학습용은 1440장 = 32 × 45: 모든 미니배치의 크기가 같습니다
N_TEST = 357
X_TRAIN, X_TEST, Y_TRAIN, Y_TEST = train_test_split(
    images, labels, test_size=N_TEST, stratify=labels, random_state=0
)
N_TRAIN = len(X_TRAIN)  # 1440
IMAGE_SHAPE = X_TRAIN.shape[1:]  # (8, 8)
N_FEATURES = int(np.prod(IMAGE_SHAPE))  # 64
N_CLASSES = 10
# --8<-- [end:load]

# --8<-- [start:hparams]
SEED = 0
HIDDEN = (128, 64)  # 64 → 128 → 64 → 10
BATCH_SIZE = 32
STEPS_PER_EPOCH = N_TRAIN // BATCH_SIZE  # 45
EPOCHS = 10
LEARNING_RATE = 0.1  # SGD (모멘텀 없음)
# BatchNorm: Keras 규약으로 적습니다. PyTorch 쪽은 momentum=1 − BN_MOMENTUM을 씁니다.
BN_MOMENTUM = 0.99  # 이동 통계에 '이전 값'을 남기는 비율 (Keras 기본값)
BN_EPSILON = 1e-3  # 분산에 더하는 작은 수 (Keras 기본값, PyTorch 기본값은 1e-5)
DROPOUT_RATE = 0.3  # 학습 때 지우는 비율 p
# --8<-- [end:hparams]

# --8<-- [start:parity-mode]
import os

# 동등성 검증 모드: parity.py가 SIDEBYSIDE_PARITY_MODE=1을 켜고
# 두 프로그램을 실행합니다. 두 프레임워크의 난수 생성기는 서로 다른
# 드롭아웃 마스크를 만들므로, 학습 궤적을 비교할 때만 모델의 드롭아웃을
# 끕니다. 드롭아웃 자체는 dropout 섹션에서 따로 확인합니다.
PARITY_MODE = os.environ.get("SIDEBYSIDE_PARITY_MODE") == "1"
MODEL_DROPOUT = 0.0 if PARITY_MODE else DROPOUT_RATE
# --8<-- [end:parity-mode]

# --8<-- [start:order]
# 에포크마다 섞는 순서를 NumPy로 미리 정해 두 프로그램에 똑같이 줍니다.
# (평소라면 tf.data의 shuffle이나 DataLoader(shuffle=True)가 각자 섞습니다.)
_rng = np.random.default_rng(SEED)
EPOCH_ORDERS = np.stack([_rng.permutation(N_TRAIN) for _ in range(EPOCHS)])
# --8<-- [end:order]
