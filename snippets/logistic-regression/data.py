# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy와 scikit-learn만 씁니다).
# TensorFlow 쪽과 PyTorch 쪽은 이 파일에서 똑같은 배열을 받습니다.

# --8<-- [start:load]
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

# 위스콘신 유방암 진단 데이터: 세포 핵 측정값 30개 → 0 악성(malignant), 1 양성(benign).
# scikit-learn 패키지 안에 들어 있어 내려받을 것이 없습니다.
features, labels = load_breast_cancer(return_X_y=True)  # (569, 30) float64, (569,) int

# 고정된 평가용 분할: 20%를 떼어 두되 두 클래스의 비율은 유지합니다(stratify)
x_train_raw, x_test_raw, y_train_raw, y_test_raw = train_test_split(
    features, labels, test_size=0.2, stratify=labels, random_state=0
)

# 표준화 통계는 학습 데이터에서만 구합니다. 평가 데이터까지 쓰면 답을 엿보는 셈입니다.
MEAN = x_train_raw.mean(axis=0)
STD = x_train_raw.std(axis=0)


def standardize(x):
    return ((x - MEAN) / STD).astype(np.float32)


X_TRAIN, X_TEST = standardize(x_train_raw), standardize(x_test_raw)  # float32
# 정답은 로짓과 같은 (N, 1) 모양의 float32로 둡니다 (BCEWithLogitsLoss의 요구)
Y_TRAIN = y_train_raw.astype(np.float32)[:, None]
Y_TEST = y_test_raw.astype(np.float32)[:, None]
N_FEATURES = X_TRAIN.shape[1]
# --8<-- [end:load]

# --8<-- [start:hparams]
SEED = 0
BATCH_SIZE = 32  # 455개 학습 샘플 → 한 에포크에 32개짜리 14배치 + 마지막 7개짜리 1배치
EPOCHS = 10
LEARNING_RATE = 0.1  # 확률적 경사 하강법(SGD)
# --8<-- [end:hparams]


# --8<-- [start:shared-batches]
def shared_batch_order(n_samples, batch_size, epochs, seed):
    """동등성 검증용 배치 순서: 인덱스 배열의 목록.

    NumPy로 한 번 정해 두 프레임워크에 똑같이 줍니다.
    """
    rng = np.random.default_rng(seed)
    batches = []
    for _ in range(epochs):
        order = rng.permutation(n_samples)
        batches += [order[i : i + batch_size] for i in range(0, n_samples, batch_size)]
    return batches


# --8<-- [end:shared-batches]
